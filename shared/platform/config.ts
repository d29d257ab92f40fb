import { z } from 'zod';
import { ConfigurationError } from './errors';

/**
 * Function configuration, read once from environment variables at cold start. Every setting is
 * documented in README's configuration reference; a missing or malformed one fails fast with its name.
 */
const csv = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return fallback;
      const n = Number(s);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a positive integer' });
        return z.NEVER;
      }
      return n;
    });

const EnvSchema = z.object({
  ADMIN_OPENIDS: csv,
  HOLD_TTL_SECONDS: positiveInt(600),
  RATE_LIMIT_PER_MINUTE: positiveInt(20),
  RETENTION_DAYS: positiveInt(30),
  CHAT_DEADLINE_MS: positiveInt(45_000),
  LLM_USER_TAG_SECRET: z.string().optional(),
  MAX_CONVERSATIONS: positiveInt(1000),
  STREAM_TOKEN_SECRET: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === '' || s.length >= 32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
});

export interface Config {
  /** Bootstrap merchants; more are added as documents of the `admins` collection. */
  adminOpenids: string[];
  /** How long a chat's hold may stay open before the timer releases it. */
  holdTtlSeconds: number;
  /** Chats per user per minute. */
  rateLimitPerMinute: number;
  /** Raw prompts and answers are purged after this many days (the redacted texts stay). */
  retentionDays: number;
  /** The model call's deadline inside the function's 60 s budget. */
  chatDeadlineMs: number;
  /** When set, providers receive `user` = HMAC(openid) for abuse tracing; otherwise no user field at all. */
  userTagSecret?: string;
  /** Conversations a user may keep; a new one beyond it is refused with QUOTA_EXCEEDED (delete old ones). */
  maxConversations: number;
  /** Key of the stream tokens `session.get` issues and the HTTP function `chat` checks; without it the app polls. */
  streamTokenSecret?: string;
}

/** The function's environment variables are missing or malformed (`problems` name each one). */
export class ConfigError extends ConfigurationError {
  constructor(problems: string[]) {
    super('function environment', problems);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const d = parsed.data;
  // A hold must outlive the model call it pays for, or the timer could release it mid-answer.
  if (d.HOLD_TTL_SECONDS * 1000 < d.CHAT_DEADLINE_MS + 15_000) {
    throw new ConfigError([
      `HOLD_TTL_SECONDS must exceed CHAT_DEADLINE_MS by at least 15 s (got ${d.HOLD_TTL_SECONDS} s and ${d.CHAT_DEADLINE_MS} ms)`,
    ]);
  }
  return {
    adminOpenids: d.ADMIN_OPENIDS,
    holdTtlSeconds: d.HOLD_TTL_SECONDS,
    rateLimitPerMinute: d.RATE_LIMIT_PER_MINUTE,
    retentionDays: d.RETENTION_DAYS,
    maxConversations: d.MAX_CONVERSATIONS,
    chatDeadlineMs: d.CHAT_DEADLINE_MS,
    ...(d.LLM_USER_TAG_SECRET ? { userTagSecret: d.LLM_USER_TAG_SECRET } : {}),
    ...(d.STREAM_TOKEN_SECRET ? { streamTokenSecret: d.STREAM_TOKEN_SECRET } : {}),
  };
}
