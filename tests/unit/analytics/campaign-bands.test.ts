import { describe, expect, it } from 'vitest';
import { campaignBands } from '@/lib/analytics/campaign-bands';
import { weekGrid } from '@/lib/schedule/calendar-grid';
import { deliveriesByDay } from '@/lib/schedule/deliveries-by-day';
import { makeDelivery } from '../factories';

describe('campaign bands', () => {
  it('spans each campaign from its first to its last local day, gaps included, across a DST change', () => {
    const zone = 'Europe/Berlin';
    const at = (iso: string) => Date.parse(iso);
    // Two weeks, Monday 25 March … Sunday 7 April (Berlin springs forward on Sunday 31 March).
    const days = [...weekGrid(at('2024-03-27T12:00:00Z'), zone), ...weekGrid(at('2024-04-03T12:00:00Z'), zone)];
    const deliveries = [
      makeDelivery({ postId: 'p1', dueAt: at('2024-03-30T23:30:00Z') }), // 31 March 00:30 CET
      makeDelivery({ postId: 'p2', dueAt: at('2024-04-02T08:00:00Z') }),
      makeDelivery({ postId: 'p3', dueAt: at('2024-04-01T08:00:00Z') }),
      makeDelivery({ postId: 'p4', dueAt: null }),
      makeDelivery({ postId: 'p5', dueAt: at('2024-03-26T08:00:00Z') }), // no campaign: no band
      makeDelivery({ postId: 'p6', dueAt: at('2024-03-27T08:00:00Z') }), // a blank name is none
    ];
    const campaigns = new Map([
      ['p1', 'Spring'],
      ['p2', ' Spring '],
      ['p3', 'Easter'],
      ['p4', 'Spring'],
      ['p6', '  '],
    ]);
    const bands = campaignBands(days, deliveriesByDay(days, deliveries), campaigns);
    expect(Object.fromEntries(bands)).toEqual({
      '2024-03-31': ['Spring'],
      '2024-04-01': ['Easter', 'Spring'],
      '2024-04-02': ['Spring'],
    });
  });
});
