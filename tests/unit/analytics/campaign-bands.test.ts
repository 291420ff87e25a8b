import { describe, expect, it } from 'vitest';
import { campaignBands } from '@/lib/analytics/campaign-bands';

describe('campaign bands', () => {
  it('spans each campaign from its first to its last local day, gaps included, across a DST change', () => {
    const zone = 'Europe/Berlin';
    const at = (iso: string) => Date.parse(iso);
    const bands = campaignBands(
      [
        { postId: 'p1', dueAt: at('2024-03-30T23:30:00Z') }, // 31 March 00:30 CET
        { postId: 'p2', dueAt: at('2024-04-02T08:00:00Z') },
        { postId: 'p3', dueAt: at('2024-04-01T08:00:00Z') },
        { postId: 'p4', dueAt: null },
      ],
      { p1: 'Spring', p2: 'Spring', p3: 'Easter', p4: 'Spring' },
      zone,
    );
    expect(Object.fromEntries(bands)).toEqual({
      '2024-03-31': ['Spring'],
      '2024-04-01': ['Easter', 'Spring'],
      '2024-04-02': ['Spring'],
    });
  });
});
