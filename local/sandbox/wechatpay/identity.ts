import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The sandbox's merchant and WeChat Pay identities: generated on first start and kept in the data
 * folder, so a fresh `npm start` pays offline with no configuration. Development keys only.
 */
export interface SandboxIdentity {
  appid: string;
  mchid: string;
  merchant: { serial: string; privateKey: string; publicKey: string };
  platform: { publicKeyId: string; privateKey: string; publicKey: string };
  apiV3Key: string;
  v2Key: string;
}

function keyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export function createIdentity(): SandboxIdentity {
  return {
    appid: 'wx0000000000sandbox',
    mchid: '1900000001',
    merchant: { serial: randomBytes(20).toString('hex').toUpperCase(), ...keyPair() },
    platform: { publicKeyId: `PUB_KEY_ID_0119000000012026${randomBytes(6).toString('hex').toUpperCase()}`, ...keyPair() },
    apiV3Key: randomBytes(16).toString('hex'),
    v2Key: randomBytes(16).toString('hex'),
  };
}

export function loadOrCreateIdentity(dataDir: string | undefined): SandboxIdentity {
  if (!dataDir) return createIdentity();
  const file = path.join(dataDir, 'sandbox-wechatpay-identity.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxIdentity;
  const identity = createIdentity();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(identity, null, 2), { mode: 0o600 });
  return identity;
}

/** The function environment that points every payment setting at the sandbox. */
export function sandboxEnv(identity: SandboxIdentity, baseUrl: string, channel: 'v3' | 'v2' | 'cloudpay' = 'v3'): Record<string, string> {
  return {
    WECHATPAY_CHANNEL: channel,
    WECHATPAY_APPID: identity.appid,
    WECHATPAY_MCHID: identity.mchid,
    WECHATPAY_MCH_SERIAL: identity.merchant.serial,
    WECHATPAY_MCH_PRIVATE_KEY: identity.merchant.privateKey,
    WECHATPAY_APIV3_KEY: identity.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: identity.platform.publicKeyId,
    WECHATPAY_PUBLIC_KEY: identity.platform.publicKey,
    WECHATPAY_NOTIFY_URL: `${baseUrl}/http/payNotify`,
    WECHATPAY_API_BASE: `${baseUrl}/sandbox/wechatpay`,
    WECHATPAY_V2_KEY: identity.v2Key,
    CLOUDPAY_SUB_MCH_ID: identity.mchid,
    CLOUDPAY_ENV_ID: 'local',
  };
}
