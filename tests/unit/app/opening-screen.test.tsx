// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_EVERY_MS, OpeningScreen } from '@/components/shell/OpeningScreen';
import type { UpgradeProgress } from '@/lib/store/upgrade-progress';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const indexing = (done: number, total = 100_000): UpgradeProgress => ({ phase: 'step', task: 'clip-search-index', done, total });

describe('the opening screen during a long upgrade', () => {
  let root: Root;
  const show = (progress: UpgradeProgress | null) => act(() => root.render(<OpeningScreen progress={progress} />));
  const sentence = () => document.querySelector('.opening p')?.textContent;
  const spoken = () => document.querySelector('[role="status"]')?.textContent;
  const bar = () => document.querySelector('[role="progressbar"]');

  beforeEach(() => {
    vi.useFakeTimers();
    root = createRoot(document.body.appendChild(document.createElement('div')));
  });
  afterEach(() => {
    act(() => root.unmount());
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  it('shows step 2 as a progress bar with words, its value exposed to assistive technology', async () => {
    await show(indexing(42_000));
    expect(sentence()).toBe('Updating the search index: 42,000 of 100,000 clips');
    expect(bar()?.getAttribute('aria-label')).toBe('Updating the search index');
    expect([bar()?.getAttribute('aria-valuemin'), bar()?.getAttribute('aria-valuenow'), bar()?.getAttribute('aria-valuemax')]).toEqual([
      '0',
      '42000',
      '100000',
    ]);
    expect(bar()?.getAttribute('aria-valuetext')).toBe('42,000 of 100,000 clips');
    expect((bar()?.firstElementChild as HTMLElement).style.width).toBe('42%');
  });

  it('shows step 5 counting clips for the queue the same way, under its own name', async () => {
    await show({ phase: 'step', task: 'clip-counts', done: 5_000, total: 100_000 });
    expect(sentence()).toBe('Counting clips for the queue: 5,000 of 100,000 clips');
    expect(bar()?.getAttribute('aria-label')).toBe('Counting clips for the queue');
    expect(bar()?.getAttribute('aria-valuenow')).toBe('5000');
  });

  it('keeps the backup bar, and shows no bar while there is nothing to count', async () => {
    await show({ phase: 'backup', copied: 500, total: 2000 });
    expect(sentence()).toBe('Backing up your data before the upgrade: 25 %');
    expect(bar()?.getAttribute('aria-valuenow')).toBe('500');
    await show({ phase: 'upgrade' });
    expect(sentence()).toBe('Upgrading…');
    expect(bar()).toBeNull();
  });

  it('announces a new phase at once, and the count within a phase at most every few seconds, the latest one', async () => {
    await show({ phase: 'upgrade' });
    expect(spoken()).toBe('Upgrading…');
    await show(indexing(0));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(spoken()).toBe('Updating the search index: 0 of 100,000 clips');
    // Reports every 250 ms, as open-db sends them: the sentence follows each, the live region does not.
    for (let done = 1000; done <= 10_000; done += 1000) {
      await show(indexing(done));
      await act(() => vi.advanceTimersByTimeAsync(250));
    }
    expect(sentence()).toBe('Updating the search index: 10,000 of 100,000 clips');
    expect(spoken()).toBe('Updating the search index: 0 of 100,000 clips');
    await act(() => vi.advanceTimersByTimeAsync(ANNOUNCE_EVERY_MS));
    expect(spoken()).toBe('Updating the search index: 10,000 of 100,000 clips');
  });
});
