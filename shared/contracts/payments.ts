import { z } from 'zod';
import { action } from './action';
import { Cursor, Empty, IsoTime, RequestId } from './common';

export const OrderStatus = z.enum(['CREATED', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CLOSED']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const RefundStatus = z.enum(['PROCESSING', 'SUCCESS', 'FAILED']);
export type RefundStatus = z.infer<typeof RefundStatus>;

/** How people read our states (the app's orders page and the server's messages say the same). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  CREATED: '待支付',
  PAID: '已支付',
  PARTIALLY_REFUNDED: '部分退款',
  REFUNDED: '已退款',
  CLOSED: '已关闭',
};
export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = { PROCESSING: '退款中', SUCCESS: '已退款', FAILED: '退款失败' };

/** Out-trade numbers are ours: 6–32 characters of letters, digits, _ and -. */
export const OutTradeNo = z.string().regex(/^[0-9A-Za-z_-]{6,32}$/, '订单号格式不正确');

export const TopupPackage = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/),
  title: z.string().min(1).max(40),
  amountFen: z.number().int().min(1).max(10_000_00),
  bonusFen: z.number().int().min(0).max(10_000_00).optional(),
});
export type TopupPackage = z.infer<typeof TopupPackage>;

export const PaymentParams = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.string(),
  paySign: z.string(),
});

export const RefundView = z.object({
  outRefundNo: z.string(),
  amountFen: z.number().int(),
  status: RefundStatus,
  reason: z.string(),
  createdAt: IsoTime,
  finishedAt: IsoTime.optional(),
});

export const OrderView = z.object({
  outTradeNo: z.string(),
  title: z.string(),
  amountFen: z.number().int(),
  bonusFen: z.number().int(),
  status: OrderStatus,
  channel: z.string(),
  refundedFen: z.number().int(),
  createdAt: IsoTime,
  paidAt: IsoTime.optional(),
  refunds: z.array(RefundView),
});
export type OrderView = z.infer<typeof OrderView>;

export const AdminOrderView = OrderView.extend({ openid: z.string(), transactionId: z.string().optional() });

export const paymentContracts = {
  'topup.packages': action(Empty, z.object({ packages: z.array(TopupPackage) })),
  'topup.create': action(
    z.object({ packageId: z.string().min(1).max(32) }),
    z.object({ outTradeNo: z.string(), amountFen: z.number().int(), expiresAt: IsoTime, payment: PaymentParams }),
  ),
  'topup.status': action(
    z.object({ outTradeNo: OutTradeNo }),
    z.object({ status: OrderStatus, amountFen: z.number().int(), paidAt: IsoTime.optional() }),
  ),
  'orders.list': action(
    z.object({ cursor: Cursor.optional() }),
    z.object({ orders: z.array(OrderView), nextCursor: z.string().nullable() }),
  ),
};

export const paymentAdminContracts = {
  'orders.list': action(
    z.object({ status: OrderStatus.optional(), openid: z.string().min(1).max(128).optional(), cursor: Cursor.optional() }),
    z.object({ orders: z.array(AdminOrderView), nextCursor: z.string().nullable() }),
  ),
  'orders.refund': action(
    z.object({
      outTradeNo: OutTradeNo,
      amountFen: z.number().int().min(1),
      reason: z.string().trim().min(2).max(80),
      requestId: RequestId,
    }),
    z.object({ outRefundNo: z.string(), status: RefundStatus, amountFen: z.number().int(), orderStatus: OrderStatus }),
  ),
};
