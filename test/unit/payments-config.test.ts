import { generateKeyPairSync } from 'node:crypto';
import { loadPaymentsConfig, PaymentsConfigError } from '../../shared/payments/config';

const pair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const v3 = {
  WECHATPAY_APPID: 'wx1234567890abcdef',
  WECHATPAY_MCHID: '1900000001',
  WECHATPAY_MCH_SERIAL: 'ABCDEF',
  WECHATPAY_MCH_PRIVATE_KEY: pair.privateKey.replace(/\n/g, '\\n'),
  WECHATPAY_APIV3_KEY: 'a'.repeat(32),
  WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0001',
  WECHATPAY_PUBLIC_KEY: pair.publicKey,
  WECHATPAY_NOTIFY_URL: 'https://example.com/payNotify',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    loadPaymentsConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentsConfigError);
    return (error as PaymentsConfigError).problems;
  }
};

describe('loadPaymentsConfig', () => {
  it('accepts a complete v3 configuration, with literal \\n in the PEM', () => {
    const config = loadPaymentsConfig(v3);
    expect(config.channel).toBe('v3');
    expect(config.apiBase).toBe('https://api.mch.weixin.qq.com');
    expect([...config.v3!.verifiers.keys()]).toEqual(['PUB_KEY_ID_0001']);
  });

  it('accepts platform certificates and a public key at the same time', () => {
    const config = loadPaymentsConfig({
      ...v3,
      WECHATPAY_PLATFORM_CERTS: JSON.stringify({ '5157f09efdc096de15ebe81a47057a72': pair.publicKey }),
    });
    expect([...config.v3!.verifiers.keys()].sort()).toEqual(['5157F09EFDC096DE15EBE81A47057A72', 'PUB_KEY_ID_0001']);
  });

  it.each([
    ['WECHATPAY_MCHID', { WECHATPAY_MCHID: '' }, 'WECHATPAY_MCHID is missing'],
    ['WECHATPAY_APIV3_KEY', { WECHATPAY_APIV3_KEY: 'short' }, 'WECHATPAY_APIV3_KEY must be exactly 32 characters'],
    ['WECHATPAY_MCH_PRIVATE_KEY', { WECHATPAY_MCH_PRIVATE_KEY: 'not a key' }, 'WECHATPAY_MCH_PRIVATE_KEY is not a PEM private key'],
    [
      'WECHATPAY_NOTIFY_URL',
      { WECHATPAY_NOTIFY_URL: 'http://example.com/n' },
      'WECHATPAY_NOTIFY_URL must be https (WeChat Pay calls only HTTPS)',
    ],
    ['WECHATPAY_CHANNEL', { WECHATPAY_CHANNEL: 'v4' }, 'WECHATPAY_CHANNEL must be v3, v2 or cloudpay (got "v4")'],
    [
      'WECHATPAY_PLATFORM_CERTS',
      { WECHATPAY_PUBLIC_KEY_ID: '', WECHATPAY_PUBLIC_KEY: '', WECHATPAY_PLATFORM_CERTS: '{oops' },
      'WECHATPAY_PLATFORM_CERTS must be a JSON object of serial → PEM certificate',
    ],
  ])('names %s when it is wrong', (_name, patch, message) => {
    expect(problemsOf({ ...v3, ...patch })).toContain(message);
  });

  it('needs a way to verify WeChat Pay', () => {
    expect(problemsOf({ ...v3, WECHATPAY_PUBLIC_KEY_ID: '', WECHATPAY_PUBLIC_KEY: '' })).toContain(
      'WECHATPAY_PUBLIC_KEY_ID + WECHATPAY_PUBLIC_KEY or WECHATPAY_PLATFORM_CERTS is needed to verify WeChat Pay',
    );
  });

  it('checks v2 and cloudPay settings', () => {
    expect(
      problemsOf({
        WECHATPAY_CHANNEL: 'v2',
        WECHATPAY_APPID: 'wx1',
        WECHATPAY_MCHID: '1',
        WECHATPAY_NOTIFY_URL: 'https://x.cn/n',
        WECHATPAY_V2_KEY: 'k',
      }),
    ).toEqual(['WECHATPAY_V2_KEY must be exactly 32 characters']);
    expect(problemsOf({ WECHATPAY_CHANNEL: 'cloudpay' })).toEqual(['CLOUDPAY_SUB_MCH_ID is missing', 'CLOUDPAY_ENV_ID is missing']);
  });
});
