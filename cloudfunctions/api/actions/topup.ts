import type { paymentContracts } from '../../../shared/contracts/payments';
import { loadPackages } from '../../../shared/payments/packages';
import { createTopup, listOrders, topupStatus } from '../../../shared/payments/topup';
import type { Handlers } from '../../../shared/app/router';

export const topupHandlers: Handlers<typeof paymentContracts> = {
  'topup.packages': async (_input, { deps }) => ({ packages: await loadPackages(deps) }),
  'topup.create': async ({ packageId }, { caller, deps }) => createTopup(deps, caller.openid, packageId),
  'topup.status': async ({ outTradeNo }, { caller, deps }) => topupStatus(deps, caller.openid, outTradeNo),
  // A user only ever sees their own orders: the filter is the platform's openid.
  'orders.list': async ({ cursor }, { caller, deps }) => listOrders(deps, { openid: caller.openid }, cursor),
};
