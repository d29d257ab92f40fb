import type { paymentAdminContracts } from '../../../shared/contracts/payments';
import { refundOrder } from '../../../shared/payments/refunds';
import { listOrders } from '../../../shared/payments/topup';
import type { Handlers } from '../../../shared/app/router';

export const ordersHandlers: Handlers<typeof paymentAdminContracts> = {
  'orders.list': async ({ status, openid, cursor }, { deps }) => listOrders(deps, { status, openid }, cursor),
  'orders.refund': async (input, { caller, deps }) => refundOrder(deps, { ...input, actor: caller.openid }),
};
