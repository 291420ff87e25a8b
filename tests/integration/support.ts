import { AtpAgent } from '@atproto/api';
import { inject } from 'vitest';

/** Unique per test file: the network is shared by every file of the run. */
export const uniq = () => Math.random().toString(36).slice(2, 8);

export async function createAccount(name: string): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: inject('pdsUrl') });
  const id = `${name}-${uniq()}`;
  await agent.createAccount({ handle: `${id}.test`, email: `${id}@cadence.test`, password: `${id}-password` });
  return agent;
}

/** A deterministic barrier: the AppView has indexed everything posted so far. */
export async function processAll(): Promise<void> {
  const response = await fetch(`${inject('controlUrl')}/processAll`, { method: 'POST' });
  if (!response.ok) throw new Error(`processAll failed: ${await response.text()}`);
}

export async function pollUntil<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
