import { z } from 'zod';

/**
 * Stable error codes: they cross message boundaries and the UI turns them into words
 * (components/common/error-text.ts). Add a code here and a sentence there, together.
 */
export const errorCodeSchema = z.enum([
  'validation',
  'not-found',
  'forbidden-sender',
  'unknown-message',
  'network',
  'rate-limited',
  'auth',
  'conflict',
  'cannot-capture',
  'settings-damaged',
  /** The team server (issue 23): the message is already in words that say what to do (lib/team/words.ts). */
  'team',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('validation', message, details);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not-found', message);
    this.name = 'NotFoundError';
  }
}

export class NetworkError extends AppError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super('network', message, status === undefined ? undefined : { status });
    this.name = 'NetworkError';
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAt: number,
  ) {
    super('rate-limited', message, { retryAt });
    this.name = 'RateLimitedError';
  }
}

export class AuthError extends AppError {
  constructor(message: string) {
    super('auth', message);
    this.name = 'AuthError';
  }
}

/** The wire shape of an error: plain data, so it survives structured cloning between contexts. */
export const wireErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type WireError = z.infer<typeof wireErrorSchema>;

export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function fromWireError(wire: WireError): AppError {
  return new AppError(wire.code, wire.message);
}

export function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`)
    .join('; ');
}
