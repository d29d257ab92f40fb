import type { OrderStatus, RefundStatus } from '../contracts/payments';
import type { ChannelName, PaymentParams } from './types';

export const ORDERS = 'orders';
export const REFUNDS = 'refunds';
export const CONFIG = 'config';
export const PACKAGES_DOC = 'topup-packages';

/** `_id` = out_trade_no. Money fields in fen (WeChat Pay's unit); the credit in micro-yuan. */
export interface OrderDoc {
  _id: string;
  openid: string;
  packageId: string;
  title: string;
  amountFen: number;
  bonusFen: number;
  /** What the wallet receives when paid: (amount + bonus) in micro-yuan. */
  creditMicro: number;
  channel: ChannelName;
  appid: string;
  mchid: string;
  status: OrderStatus;
  prepayId?: string;
  payment?: PaymentParams;
  expiresAt: Date;
  transactionId?: string;
  payerOpenid?: string;
  paidAt?: Date;
  closedAt?: Date;
  refundedFen: number;
  /** Refunds asked for and not yet finished: they count against what can still be refunded. */
  refundingFen: number;
  createdAt: Date;
  updatedAt: Date;
}

/** `_id` = out_refund_no, derived from the merchant's requestId so a retry reuses it. */
export interface RefundDoc {
  _id: string;
  outTradeNo: string;
  openid: string;
  channel: ChannelName;
  amountFen: number;
  /** Taken from the wallet: the refund plus its share of the package bonus, in micro-yuan. */
  debitMicro: number;
  reason: string;
  requestId: string;
  requestedBy: string;
  status: RefundStatus;
  channelStatus?: string;
  refundId?: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
}
