import type { Delivery } from '@/lib/model';
import type { CancelEvent } from './publish-simulation';

/**
 * The verdict on one simulated run, from what the store says and what the network has:
 * - duplicates: a part on the network more than once;
 * - lost: a published delivery whose parts are not all out, or not all recorded with what they
 *   carried; a failure without a reason; a delivery left anywhere but published or failed that
 *   the user did not take back;
 * - violations (issue 17: "the publisher never publishes a cancelled delivery"; "a cancel that
 *   races a claim must end in exactly one of two states: not published, or published and shown
 *   as published"): a draft or cancelled delivery with any part out; a delivery the user took back
 *   that ended otherwise; a refused take-back that ended as a draft; a draft or cancelled
 *   delivery nobody took back.
 */
export function judge(deliveries: Delivery[], texts: Map<string, string[]>, onNetwork: Map<string, string[]>, cancel: CancelEvent | null) {
  const duplicates: string[] = [];
  const lost: string[] = [];
  const violations: string[] = [];
  for (const delivery of deliveries) {
    const posted = onNetwork.get(delivery.accountId) ?? [];
    const parts = texts.get(delivery.id) ?? [];
    const out = parts.filter((text) => posted.includes(text));
    for (const text of parts) {
      const copies = posted.filter((p) => p === text).length;
      if (copies > 1) duplicates.push(`${delivery.id}: "${text}" ×${copies}`);
      if (copies === 0 && delivery.state === 'published') lost.push(`${delivery.id}: "${text}" marked published, not on the network`);
    }
    if (delivery.state === 'published') {
      if (delivery.parts.length !== parts.length) lost.push(`${delivery.id}: ${delivery.parts.length}/${parts.length} parts recorded`);
      const sent = delivery.sent?.parts.map((part) => part.text) ?? [];
      if (JSON.stringify(sent) !== JSON.stringify(parts)) lost.push(`${delivery.id}: recorded as sent ${JSON.stringify(sent)}, not what went out`);
    }
    if (delivery.state === 'failed' && !delivery.lastError?.message) lost.push(`${delivery.id}: failed without a reason`);

    const isTarget = cancel?.target === delivery.id;
    const isTakenBack = delivery.state === 'draft' || delivery.state === 'cancelled';
    if (isTakenBack && out.length > 0) violations.push(`${delivery.id}: ${delivery.state}, yet ${out.length} of ${parts.length} part(s) are on the network`);
    if (isTakenBack && !(isTarget && cancel.outcome === 'won')) violations.push(`${delivery.id}: ended ${delivery.state}, and nobody took it back`);
    if (isTarget && cancel.outcome === 'won' && !isTakenBack)
      violations.push(`${delivery.id}: taken back (${cancel.action} at ${cancel.at}), then ended ${delivery.state}`);
    if (isTarget && cancel.outcome === 'refused' && isTakenBack)
      violations.push(`${delivery.id}: the ${cancel.action} was refused, yet it ended ${delivery.state}`);
    if (!isTakenBack && delivery.state !== 'published' && delivery.state !== 'failed')
      lost.push(`${delivery.id}: ended ${delivery.state} (${delivery.lastError?.message ?? 'no reason'})`);
  }
  return { duplicates, lost, violations };
}
