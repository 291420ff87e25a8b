import { describe, expect, it } from 'vitest';
import { actionsFor, attentionOf, methodWords, reasonOf } from '@/components/calendar/delivery-status';
import { makeAccount, makeDelivery } from '../factories';

describe('what a calendar chip says and offers', () => {
  const connected = makeAccount({ handle: 'ada.test' });
  const disconnected = makeAccount({ handle: 'ada.test', status: 'disconnected', statusReason: 'The session expired.' });

  it('puts the method in words', () => {
    expect(methodWords(makeDelivery({ method: 'server-scheduled' }))).toBe("runs on the network's server");
    expect(methodWords(makeDelivery({ method: 'api' }))).toBe('needs the browser open');
    expect(methodWords(makeDelivery({ method: 'reminder' }))).toBe('needs you to click');
  });

  it('shows a failed post in red with its reason, Retry, Edit and Confirm posted', () => {
    const failed = makeDelivery({ state: 'failed', lastError: { code: 'validation', message: 'Image too large.' } });
    expect([attentionOf(failed, connected), reasonOf(failed, connected), actionsFor(failed, connected)]).toEqual([
      'danger',
      'Image too large.',
      ['retry', 'edit', 'confirm'],
    ]);
  });

  it('shows a held post in amber with Publish now', () => {
    const held = makeDelivery({
      state: 'held',
      lastError: { code: 'late', message: 'Due at 09:00 while the browser was closed — publish now or reschedule.' },
    });
    expect(attentionOf(held, connected)).toBe('warn');
    expect(reasonOf(held, connected)).toMatch(/^Due at 09:00/);
    expect(actionsFor(held, connected)).toEqual(['publishHeld', 'edit', 'confirm']);
  });

  it('offers Confirm posted and Snooze on a reminder, and says a disconnected account makes posts wait', () => {
    expect(actionsFor(makeDelivery({ state: 'awaiting-confirmation', method: 'reminder' }), connected)).toEqual(['confirm', 'snooze']);
    const waiting = makeDelivery({ state: 'scheduled' });
    expect(attentionOf(waiting, disconnected)).toBe('danger');
    expect(reasonOf(waiting, disconnected)).toBe(
      'Waiting: @ada.test is disconnected (The session expired.). Reconnect it in Settings → Accounts and this post goes out.',
    );
    expect(attentionOf(waiting, connected)).toBeNull();
  });
});
