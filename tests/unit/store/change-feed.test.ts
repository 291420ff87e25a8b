import { describe, expect, it, vi } from 'vitest';
import { createChangeFeed } from '@/lib/store';

describe('change feed', () => {
  it('reaches other contexts on the same channel, and local listeners directly', async () => {
    const name = `test-${Math.random()}`;
    const background = createChangeFeed(name);
    const panel = createChangeFeed(name);
    const local = vi.fn();
    const remote = vi.fn();
    background.subscribe(local);
    panel.subscribe(remote);
    background.publish({ store: 'clips', keys: ['c1'], op: 'put' });
    expect(local).toHaveBeenCalledWith({ store: 'clips', keys: ['c1'], op: 'put' });
    await vi.waitFor(() => expect(remote).toHaveBeenCalledWith({ store: 'clips', keys: ['c1'], op: 'put' }));
    background.close();
    panel.close();
  });
});
