import { z } from 'zod';

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
});

export interface Config {
  /** Bootstrap merchants; more are added as documents of the `admins` collection. */
  adminOpenids: string[];
  /** How long a chat's hold may stay open before the timer releases it. */
  holdTtlSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  return { adminOpenids: parsed.data.ADMIN_OPENIDS, holdTtlSeconds: parsed.data.HOLD_TTL_SECONDS };
}
