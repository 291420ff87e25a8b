import { describe, expect, it } from 'vitest';
import { MIN_INTERVAL_MS, pollInterval, type CadenceInput } from '@/lib/engage/cadence';

const MINUTE = 60_000;
const now = 1_800_000_000_000;
const base: CadenceInput = { mode: 'adaptive', network: 'bluesky', isPanelVisible: false, lastActivityAt: null, failures: 0, now };

describe('poll cadence', () => {
  it.each([
    ['panel open', { isPanelVisible: true }, MINUTE],
    ['a mention 10 minutes ago', { lastActivityAt: now - 10 * MINUTE }, 2 * MINUTE],
    ['quiet for an hour', { lastActivityAt: now - 60 * MINUTE }, 5 * MINUTE],
    ['never any activity', {}, 5 * MINUTE],
    ['quiet for a day', { lastActivityAt: now - 24 * 60 * MINUTE }, 15 * MINUTE],
    ['slow mode, even with the panel open', { mode: 'slow', isPanelVisible: true }, 30 * MINUTE],
    ['two failures in a row', { failures: 2 }, 20 * MINUTE],
    ['many failures: capped at an hour', { failures: 12 }, 60 * MINUTE],
  ] as const)('%s', (_, input, expected) => {
    expect(pollInterval({ ...base, ...input })).toBe(expected);
  });

  it('is off when polling is off', () => {
    expect(pollInterval({ ...base, mode: 'off', isPanelVisible: true })).toBeNull();
  });

  it('is never faster than the network allows', () => {
    for (const network of Object.keys(MIN_INTERVAL_MS) as CadenceInput['network'][]) {
      expect(pollInterval({ ...base, network, isPanelVisible: true })).toBeGreaterThanOrEqual(MIN_INTERVAL_MS[network]);
    }
    expect(pollInterval({ ...base, network: 'x', isPanelVisible: true })).toBe(15 * MINUTE);
  });
});
