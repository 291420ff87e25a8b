import { describe, expect, it } from 'vitest';
import { throttleStepProgress, upgradeProgressSchema, type StepProgress } from '@/lib/store/upgrade-progress';

const step = (done: number, total = 10_000): StepProgress => ({ task: 'clip-search-index', done, total });

describe('throttleStepProgress', () => {
  it('passes the first and the last report, and between them at most one per interval', () => {
    let at = 0;
    const passed: number[] = [];
    const report = throttleStepProgress((progress) => passed.push(progress.done), { intervalMs: 250, now: () => at });
    for (let done = 0; done <= 10_000; done += 1000) {
      report(step(done));
      at += 100; // a batch every 100 ms: every third one is due
    }
    expect(passed).toEqual([0, 3000, 6000, 9000, 10_000]);
  });

  it('passes a new task’s first report at once', () => {
    const passed: StepProgress[] = [];
    const report = throttleStepProgress((progress) => passed.push(progress), { now: () => 0 });
    report(step(0));
    report(step(500));
    // Only one task exists today; a second step's first report must not wait for the first one's interval.
    report({ task: 'other' as StepProgress['task'], done: 0, total: 5 });
    expect(passed.map((p) => [p.task, p.done])).toEqual([
      ['clip-search-index', 0],
      ['other', 0],
    ]);
  });
});

describe('upgradeProgressSchema', () => {
  it('carries a step’s progress across contexts, and rejects a count that is not a count', () => {
    expect(upgradeProgressSchema.parse({ phase: 'step', ...step(42_000, 100_000) })).toEqual({
      phase: 'step',
      task: 'clip-search-index',
      done: 42_000,
      total: 100_000,
    });
    expect(upgradeProgressSchema.safeParse({ phase: 'step', task: 'clip-search-index', done: -1, total: 3 }).success).toBe(false);
    expect(upgradeProgressSchema.safeParse({ phase: 'step', task: 'unknown', done: 1, total: 3 }).success).toBe(false);
  });
});
