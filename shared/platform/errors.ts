import { ERROR_MESSAGES, type ErrorBody, type ErrorCode } from '../contracts/errors';

/**
 * An expected failure with a code the client can switch on. Thrown inside the core and turned into
 * the `{ ok: false, error }` envelope at the function edge by `errorBodyOf`; anything else becomes
 * INTERNAL. The message is what a person reads (Chinese, says what to do next); without one, the
 * code's standard message is used. Machine-readable detail goes in `details`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Settings that are missing or malformed — the function's environment, WeChat Pay's keys, or a
 * merchant's configuration document. Whatever the source, callers get CONFIG_INVALID with the same
 * message; `problems` (for operators: which setting, what is wrong) go to the log and `details`.
 */
export class ConfigurationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

/** A merchant's configuration document (models, top-up packages, …) that does not parse. */
export function invalidConfigDocument(document: string, issues: number): AppError {
  return new AppError('CONFIG_INVALID', ERROR_MESSAGES.CONFIG_INVALID, { document, issues });
}

/**
 * The one way an error becomes the envelope's `error`: an AppError says what it is; a configuration
 * error is CONFIG_INVALID; anything else is INTERNAL and says nothing about its cause (the caller
 * logs it).
 */
export function errorBodyOf(error: unknown): ErrorBody {
  if (isAppError(error)) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof ConfigurationError) {
    return { code: 'CONFIG_INVALID', message: ERROR_MESSAGES.CONFIG_INVALID, details: { source: error.source, problems: error.problems } };
  }
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}
