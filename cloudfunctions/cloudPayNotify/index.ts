// Cloud function `cloudPayNotify`: cloudPay's payment and refund callback (functionName in unifiedOrder).
import * as cloud from 'wx-server-sdk';
import { handleCloudPayCallback, type CloudPayCallbackReply } from '../../shared/payments/cloudpay-callback';
import { cloudDeps } from '../../shared/app/cloud';
import { ConfigError } from '../../shared/platform/config';

const deps = cloudDeps(cloud);

export async function main(event: unknown): Promise<CloudPayCallbackReply> {
  if (deps instanceof ConfigError) return { errcode: 1, errmsg: 'server misconfigured' };
  return handleCloudPayCallback(event, deps);
}
