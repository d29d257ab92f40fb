import { ConfigurationError } from '../platform/errors';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { ChannelName } from './types';

/**
 * WeChat Pay settings from the function's environment. Everything is checked at cold start; a
 * missing or malformed setting is reported by name, and the payment actions answer CONFIG_INVALID
 * with that message instead of failing inside a request.
 */
export interface V3Settings {
  serial: string;
  privateKey: KeyObject;
  apiV3Key: string;
  /** WeChat Pay public keys by id (`PUB_KEY_ID_…`) and platform certificates by serial, both accepted. */
  verifiers: Map<string, KeyObject>;
}

export interface PaymentsConfig {
  channel: ChannelName;
  appid: string;
  mchid: string;
  notifyUrl: string;
  apiBase: string;
  v3?: V3Settings;
  v2?: { key: string };
  cloudpay?: { subMchId: string; envId: string };
}

/** WeChat Pay's settings are missing or malformed (`problems` name each one). */
export class PaymentsConfigError extends ConfigurationError {
  constructor(problems: string[]) {
    super('WeChat Pay configuration', problems);
    this.name = 'PaymentsConfigError';
  }
}

/** PEM from an env var: literal `\n` sequences (how consoles store multi-line values) become newlines. */
function pem(text: string): string {
  return text.replace(/\\n/g, '\n').trim() + '\n';
}

export function loadPaymentsConfig(env: Record<string, string | undefined>): PaymentsConfig {
  const problems: string[] = [];
  const get = (name: string) => env[name]?.trim() || undefined;
  const need = (name: string): string => {
    const v = get(name);
    if (!v) problems.push(`${name} is missing`);
    return v ?? '';
  };

  const channel = (get('WECHATPAY_CHANNEL') ?? 'v3') as ChannelName;
  if (!['v3', 'v2', 'cloudpay'].includes(channel)) problems.push(`WECHATPAY_CHANNEL must be v3, v2 or cloudpay (got "${channel}")`);

  const apiBase = (get('WECHATPAY_API_BASE') ?? 'https://api.mch.weixin.qq.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(apiBase)) problems.push('WECHATPAY_API_BASE must be a URL');

  const config: PaymentsConfig = { channel, appid: '', mchid: '', notifyUrl: '', apiBase };

  if (channel === 'v3' || channel === 'v2') {
    config.appid = need('WECHATPAY_APPID');
    config.mchid = need('WECHATPAY_MCHID');
    config.notifyUrl = need('WECHATPAY_NOTIFY_URL');
    if (config.notifyUrl) {
      try {
        const url = new URL(config.notifyUrl);
        const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
        if (url.protocol !== 'https:' && !loopback) problems.push('WECHATPAY_NOTIFY_URL must be https (WeChat Pay calls only HTTPS)');
        if (url.search) problems.push('WECHATPAY_NOTIFY_URL must not carry a query string');
      } catch {
        problems.push('WECHATPAY_NOTIFY_URL is not a URL');
      }
    }
  }

  // v3 credentials: required for the v3 channel, optional otherwise (notifications of either kind are accepted when configured).
  if (channel === 'v3' || get('WECHATPAY_APIV3_KEY')) {
    const serial = need('WECHATPAY_MCH_SERIAL');
    const apiV3Key = need('WECHATPAY_APIV3_KEY');
    if (apiV3Key && Buffer.byteLength(apiV3Key) !== 32) problems.push('WECHATPAY_APIV3_KEY must be exactly 32 characters');
    let privateKey: KeyObject | undefined;
    const keyText = need('WECHATPAY_MCH_PRIVATE_KEY');
    if (keyText) {
      try {
        privateKey = createPrivateKey(pem(keyText));
      } catch {
        problems.push('WECHATPAY_MCH_PRIVATE_KEY is not a PEM private key');
      }
    }
    const verifiers = new Map<string, KeyObject>();
    const keyId = get('WECHATPAY_PUBLIC_KEY_ID');
    const publicKey = get('WECHATPAY_PUBLIC_KEY');
    if (keyId || publicKey) {
      if (!keyId) problems.push('WECHATPAY_PUBLIC_KEY_ID is missing (needed with WECHATPAY_PUBLIC_KEY)');
      else if (!publicKey) problems.push('WECHATPAY_PUBLIC_KEY is missing (needed with WECHATPAY_PUBLIC_KEY_ID)');
      else {
        try {
          verifiers.set(keyId, createPublicKey(pem(publicKey)));
        } catch {
          problems.push('WECHATPAY_PUBLIC_KEY is not a PEM public key');
        }
      }
    }
    const certs = get('WECHATPAY_PLATFORM_CERTS');
    if (certs) {
      try {
        for (const [serialNo, text] of Object.entries(JSON.parse(certs) as Record<string, string>)) {
          verifiers.set(serialNo.toUpperCase(), createPublicKey(pem(text)));
        }
      } catch {
        problems.push('WECHATPAY_PLATFORM_CERTS must be a JSON object of serial → PEM certificate');
      }
    }
    if (verifiers.size === 0 && !problems.some((p) => p.startsWith('WECHATPAY_PUBLIC_KEY') || p.startsWith('WECHATPAY_PLATFORM_CERTS'))) {
      problems.push('WECHATPAY_PUBLIC_KEY_ID + WECHATPAY_PUBLIC_KEY or WECHATPAY_PLATFORM_CERTS is needed to verify WeChat Pay');
    }
    if (privateKey) config.v3 = { serial, privateKey, apiV3Key, verifiers };
  }

  if (channel === 'v2' || get('WECHATPAY_V2_KEY')) {
    const key = need('WECHATPAY_V2_KEY');
    if (key && key.length !== 32) problems.push('WECHATPAY_V2_KEY must be exactly 32 characters');
    config.v2 = { key };
  }

  if (channel === 'cloudpay') {
    config.cloudpay = { subMchId: need('CLOUDPAY_SUB_MCH_ID'), envId: need('CLOUDPAY_ENV_ID') };
  }

  if (problems.length > 0) throw new PaymentsConfigError(problems);
  return config;
}
