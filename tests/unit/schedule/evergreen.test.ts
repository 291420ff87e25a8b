import { describe, expect, it } from 'vitest';
import { evergreenDueAt } from '@/lib/schedule/evergreen';

describe('evergreenDueAt', () => {
  const published = Date.parse('2025-03-27T08:00:00Z'); // Thursday 09:00 CET

  it('adds exact days without a zone', () => {
    expect(evergreenDueAt(published, 7)).toBe(Date.parse('2025-04-03T08:00:00Z'));
  });

  it('keeps the local time across DST with a zone', () => {
    expect(evergreenDueAt(published, 7, 'Europe/Berlin')).toBe(Date.parse('2025-04-03T07:00:00Z'));
    expect(evergreenDueAt(published, 30, 'Australia/Sydney')).toBe(Date.parse('2025-04-26T09:00:00Z'));
  });

  it.each([0, -1, 1.5])('rejects %s days', (days) => {
    expect(() => evergreenDueAt(published, days)).toThrow(/positive integer/);
  });
});
