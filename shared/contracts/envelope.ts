import { z } from 'zod';
import { type ErrorBody } from './errors';

/** What `api` and `admin` always answer: never a thrown error, never a stack trace. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** The request both callable functions take: `wx.cloud.callFunction({ name, data: { action, payload } })`. */
export const ActionRequest = z.object({
  action: z.string().min(1).max(64),
  payload: z.unknown().optional(),
});
export type ActionRequest = z.infer<typeof ActionRequest>;
