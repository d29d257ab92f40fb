import type { RefundState, TradeState } from './wechatpay-states';
/** The vocabulary shared by every payment channel. Amounts at this boundary are integer fen. */
export type ChannelName = 'v3' | 'v2' | 'cloudpay';

export interface PrepayRequest {
  outTradeNo: string;
  description: string;
  amountFen: number;
  payerOpenid: string;
  expiresAt: Date;
}

/** What `wx.requestPayment` takes (appId is signed but not passed). */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface PrepayResult {
  prepayId: string;
  payment: PaymentParams;
}

/** A transaction as WeChat Pay reports it, after verification. */
export interface TransactionFacts {
  channel: ChannelName;
  outTradeNo: string;
  tradeState: TradeState;
  transactionId?: string;
  amountFen?: number;
  currency?: string;
  appid?: string;
  mchid?: string;
  payerOpenid?: string;
  successTime?: string;
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
}

export interface RefundFacts {
  channel: ChannelName;
  outRefundNo: string;
  outTradeNo?: string;
  status: RefundState;
  refundFen?: number;
  refundId?: string;
  mchid?: string;
}

export type VerifiedNotification = { kind: 'payment'; facts: TransactionFacts } | { kind: 'refund'; facts: RefundFacts };

/** A notification we refuse; `status` is the HTTP status to answer (WeChat Pay will retry). */
export class NotificationRejected extends Error {
  constructor(
    readonly reason: string,
    readonly status = 401,
  ) {
    super(reason);
    this.name = 'NotificationRejected';
  }
}

/** A call to WeChat Pay that failed: transport, a signature we could not verify, or a refusal. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

export interface PaymentChannel {
  readonly name: ChannelName;
  prepay(req: PrepayRequest): Promise<PrepayResult>;
  query(outTradeNo: string): Promise<TransactionFacts>;
  close(outTradeNo: string): Promise<void>;
  refund(req: RefundRequest): Promise<RefundFacts>;
  queryRefund(outRefundNo: string, outTradeNo: string): Promise<RefundFacts>;
}
