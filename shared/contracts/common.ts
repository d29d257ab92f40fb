import { z } from 'zod';

/** Micro-yuan (1 元 = 1,000,000): always a safe integer, never a float or a decimal string. */
export const MicroYuan = z.number().int().safe();

/** A client- or admin-made idempotency key: a UUID or a similar opaque token. */
export const RequestId = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, '请求编号应为 8–64 位字母、数字、_ 或 -');

/** Opaque pagination cursor handed back by list actions. */
export const Cursor = z.string().min(1).max(200);

/** Timestamps cross the wire as ISO 8601 strings. */
export const IsoTime = z.string();

export const Empty = z.object({});
