import type { ErrorCode } from '../contracts/errors';

/**
 * An expected failure with a code the client can switch on. Thrown inside the core and turned into
 * the `{ ok: false, error }` envelope at the function edge; anything else becomes INTERNAL.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
