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
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
