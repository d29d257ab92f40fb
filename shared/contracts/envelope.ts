import { z } from 'zod';
import { ErrorBody } from './errors';

/** What `api` and `admin` always answer: never a thrown error, never a stack trace. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function envelopeSchema<T extends z.ZodTypeAny>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ]);
}

/** The request both callable functions take: `wx.cloud.callFunction({ name, data: { action, payload } })`. */
export const ActionRequest = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
});
export type ActionRequest = z.infer<typeof ActionRequest>;
