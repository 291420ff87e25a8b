import { describe, expect, it } from 'vitest';
import { coalesce } from '@/lib/store';

describe('coalesce', () => {
  it('runs a burst of requests as at most two reads, the last one after every request, and each promise settles after a read that began after it', async () => {
    let reads = 0;
    let value = 0;
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const refresh = coalesce(async () => {
      reads += 1;
      const at = value;
      await new Promise<void>((done) => (release = done));
      seen.push(at);
    });
    const first = refresh();
    await Promise.resolve();
    const rest = Array.from({ length: 300 }, () => {
      value += 1;
      return refresh();
    });
    release();
    await first;
    await new Promise((done) => setTimeout(done, 0));
    release();
    await Promise.all(rest);
    expect(reads).toBe(2);
    expect(seen).toEqual([0, 300]);
  });

  it('goes on after a read that throws', async () => {
    let reads = 0;
    const refresh = coalesce(async () => {
      reads += 1;
      if (reads === 1) throw new Error('broken');
    });
    await refresh();
    await refresh();
    expect(reads).toBe(2);
  });
});
