import type { Fetch } from '../types';

// Kept apart from session.ts so the claim and revoke paths read these without importing
// @atproto/api, which the worker must not evaluate at start-up (./load.ts, issue 20).

/** Requests that hang are cut off so a publish attempt ends and can be retried. */
export const REQUEST_TIMEOUT_MS = 30_000;

export function timedFetch(fetch: Fetch, timeoutMs = REQUEST_TIMEOUT_MS): Fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (init?.signal) signals.push(init.signal);
    else if (input instanceof Request) signals.push(input.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
}
