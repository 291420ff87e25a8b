import { AppError, AuthError, RateLimitedError, ValidationError } from '../errors';

/**
 * What to do after a failed attempt: a pure function of the error, the attempt number and the
 * clock (STYLE.md: "retry logic is a pure function of the error and the attempt").
 *
 * - RateLimitedError: the server said when — wait until `retryAt` (never earlier).
 * - NetworkError and anything unexpected: exponential backoff with full jitter
 *   (delay = random × min(cap, base × 2^(attempt−1)), AWS Architecture Blog, "Exponential
 *   Backoff And Jitter", 2015), and after MAX_ATTEMPTS attempts the delivery fails with a reason.
 * - AuthError: the account is disconnected; its deliveries wait for it (see publish-one.ts).
 * - ValidationError and other AppErrors: permanent; the error's sentence is the reason.
 */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 30 * 60_000;
export const MAX_ATTEMPTS = 6;

export type Outcome = { kind: 'retry'; at: number } | { kind: 'fail'; reason: string } | { kind: 'disconnect'; reason: string };

export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export function decide(error: unknown, attempt: number, now: number, random: () => number): Outcome {
  if (error instanceof AuthError) return { kind: 'disconnect', reason: error.message };
  if (error instanceof RateLimitedError) return { kind: 'retry', at: Math.max(error.retryAt, now + 1000) };
  if (error instanceof ValidationError) return { kind: 'fail', reason: error.message };
  const isTransient = !(error instanceof AppError) || error.code === 'network' || error.code === 'internal';
  if (!isTransient) return { kind: 'fail', reason: (error as AppError).message };
  if (attempt >= MAX_ATTEMPTS) return { kind: 'fail', reason: `Gave up after ${attempt} attempts. The last one said: ${messageOf(error)}` };
  return { kind: 'retry', at: now + 1000 + backoffDelay(attempt, random) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'internal';
}
