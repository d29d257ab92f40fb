import { z } from 'zod';

/**
 * Every error code a function can answer with. Pages switch on these, so a code is never renamed:
 * add a new one instead.
 */
export const ErrorCode = z.enum([
  'UNKNOWN_ACTION',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFIG_INVALID',
  'INTERNAL',
  'INSUFFICIENT_BALANCE',
  'IDEMPOTENCY_CONFLICT',
  'HOLD_NOT_OPEN',
  'SETTLE_EXCEEDS_HOLD',
  'ADJUST_WOULD_OVERDRAW',
  'REFUND_EXCEEDS_BALANCE',
  'REFUND_EXCEEDS_PAID',
  'ORDER_NOT_REFUNDABLE',
  'PAYMENT_UNAVAILABLE',
  'CONSENT_REQUIRED',
  'RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_REJECTED',
  'CONTENT_FILTERED',
  'QUOTA_EXCEEDED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * What a user or merchant reads for each code when nothing more specific is known: Chinese, short, and
 * saying what to do next (the app shows it as it is). Sites with more to say pass their own message;
 * machine-readable detail goes in `details`, never in the message.
 */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNKNOWN_ACTION: '这个功能暂不可用，请更新小程序后再试',
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '无法确认你的身份，请在微信小程序里重新打开',
  FORBIDDEN: '你没有权限进行这个操作',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  CONFIG_INVALID: '服务配置有误，暂时无法使用，请稍后再试或联系客服',
  INTERNAL: '服务出了点问题，请稍后重试',
  INSUFFICIENT_BALANCE: '余额不足，请先充值',
  IDEMPOTENCY_CONFLICT: '这个请求编号已用于另一项操作，请刷新后重试',
  HOLD_NOT_OPEN: '这笔预留已结算、已释放或已过期',
  SETTLE_EXCEEDS_HOLD: '结算金额超过了预留金额',
  ADJUST_WOULD_OVERDRAW: '调整后余额将低于已预留的金额，请减少调整金额',
  REFUND_EXCEEDS_BALANCE: '退款金额超过了用户未消费的余额',
  REFUND_EXCEEDS_PAID: '退款金额超过了可退金额',
  ORDER_NOT_REFUNDABLE: '这笔订单当前不能退款',
  PAYMENT_UNAVAILABLE: '微信支付暂时不可用，请稍后再试',
  CONSENT_REQUIRED: '请先阅读并同意隐私政策',
  RATE_LIMITED: '发送太频繁了，请稍后再试',
  PROVIDER_UNAVAILABLE: '模型服务暂时不可用，请稍后重试（未扣费）',
  PROVIDER_REJECTED: '模型服务拒绝了这次请求（未扣费），请换个问法或稍后再试',
  CONTENT_FILTERED: '模型拒绝回答这个问题（未扣费），请换个问法',
  QUOTA_EXCEEDED: '已达到使用上限，请删除一些旧内容后再试',
};

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
