import { useState } from 'react';
import { mediaWarnings } from '@/lib/compose/media-draft';
import type { Account, Delivery, Post, Workspace } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
import { checkForQueue } from '@/lib/schedule/queue-check';
import { HAND_OFF_MARGIN_MS } from '@/lib/schedule/hand-off-notice';
import { AppError } from '@/lib/errors';
import { errorText } from '../common/error-text';
import { useDraftStore, useNextQueueSlot, type Targets } from '../data/drafts';
import type { ScheduledWrite } from '../data/schedule';
import { useServices } from '../data/store-context';
import { HandOffChoice, handOffAccount, HAND_OFF_LABEL } from './HandOffChoice';
import { altFieldId } from './MediaItem';
import { queuedMessage } from './queued-message';
import { ShareNowButton, type ShareNow } from './ShareNowButton';
import type { DraftHandle } from './use-draft';
import { Button } from '../ui/Button';
import { useToast } from '../ui/Toast';
import { wallTime } from '@/lib/schedule/wall-time';
import { TextField } from '../ui/TextField';

interface Props {
  workspace: Workspace;
  accounts: Account[];
  draft: DraftHandle;
  onQueued: () => void;
}

export function ScheduleActions({ workspace, accounts, draft, onQueued }: Props) {
  const { request } = useServices();
  const drafts = useDraftStore();
  const toast = useToast();
  // The time Add to queue would give the post now, written on the button (issue 24).
  const nextSlot = useNextQueueSlot(accounts, workspace.timeZone);
  const nextSlotWords = nextSlot ? (({ weekday, time }) => `${weekday} ${time}`)(wallTime(nextSlot, workspace.timeZone)) : null;
  /** Undo of a queueing: the background takes the deliveries back to drafts, as Unschedule does. */
  const undoQueued = (placed: readonly Delivery[]) => async () => {
    const report = await request('delivery.cancelMany', { deliveryIds: placed.map((d) => d.id) });
    return report.done.length > 0 ? 'Undone: the post is back in drafts and will not be published.' : 'Nothing was unscheduled: it may already be going out.';
  };
  /** Share now: one delivery per chosen account, due at once; the publisher sends them straight away. */
  const shareNow: ShareNow = async (postId) => {
    await drafts.saveDraft({ postId, accountIds: accounts.map((account) => account.id), now: Date.now() });
    const { deliveries } = await request('publish.now', { postId });
    const handles = deliveries.map((delivery) => `@${accounts.find((account) => account.id === delivery.accountId)?.handle ?? delivery.accountId}`);
    // Reminder accounts get their share page anyway (the text is still editable there): say what to fix.
    const warnings = draft.post ? checkForQueue(draft.post, accounts).warnings : [];
    return [`Publishing now on ${handles.join(', ')}. The Calendar shows each one when it is out.`, ...warnings].join(' ');
  };
  const [at, setAt] = useState('');
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [isHandOff, setHandOff] = useState(false);
  const handOffTo = isHandOff ? handOffAccount(draft.post, accounts) : null;

  /** Gives the one scheduled delivery to Mastodon's scheduler; says where the post is either way. */
  const handOver = async (delivery: Delivery): Promise<string> => {
    try {
      await request('delivery.handOff', { deliveryId: delivery.id });
      return `Handed to @${handOffTo?.handle}'s Mastodon server: it goes out at that time even with the browser closed. The Calendar shows it; “Cancel hand-off” there takes it back.`;
    } catch (error) {
      // The delivery is scheduled with Cadence either way (hand-off.ts): say so, then why.
      const why = error instanceof AppError && error.code === 'validation' ? error.message : errorText(error);
      return `The server did not take it, so Cadence publishes it then (keep the browser open): ${why}`;
    }
  };

  const run = async (place: (targets: Targets) => Promise<ScheduledWrite<Delivery[]>>, isQueueing: boolean, isHandingOff = false) => {
    setStatus('');
    if (isQueueing && refuseWithoutAlt()) return;
    if (isHandingOff && !(atInstant() - Date.now() > HAND_OFF_MARGIN_MS)) {
      setStatus(`Mastodon's server needs at least 5 minutes' notice: pick a later time, or untick “${HAND_OFF_LABEL}” to publish from Cadence.`);
      return;
    }
    setBusy(true);
    try {
      const saved = await draft.flush();
      if (!saved) return;
      if (isQueueing && refuseOverLimits(saved, 'queued')) return;
      const targets = { postId: saved.id, accountIds: accounts.map((account) => account.id), now: Date.now() };
      if (!isQueueing) {
        await place(targets);
        setStatus('Draft saved.');
        return;
      }
      // The deliveries are stored either way; the background only re-arms its publish alarm,
      // and it re-reads the queue at every start-up, so a failed nudge is reported, not fatal.
      const { value: placed, nudgeFailed } = await place(targets);
      // Reminder accounts are queued anyway (the share page is still editable): say what to fix there.
      const handed = isHandingOff && placed.length === 1 ? await handOver(placed[0]!) : null;
      const queued = `${queuedMessage(placed, accounts, workspace.timeZone)}.`;
      setStatus([queued, handed, ...checkForQueue(saved, accounts).warnings].filter(Boolean).join(' '));
      toast({ text: queued, undo: undoQueued(placed) });
      setHandOff(false);
      const next = await openNext(saved);
      if (next) setStatus((text) => `${text} ${next}`);
      onQueued();
      if (nudgeFailed) setStatus((text) => `${text} ${nudgeFailed}`);
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  /** Alt text is required before posting (not before saving a draft): say so and take the user there. */
  const refuseWithoutAlt = (): boolean => {
    const missing = draft.post ? mediaWarnings(draft.post, accounts).find((warning) => warning.kind === 'alt-missing') : undefined;
    if (!missing) return false;
    setStatus(
      `Add alt text to image ${missing.index + 1} first: ${missing.handles.map((h) => `@${h}`).join(' and ')} ${missing.handles.length === 1 ? 'needs' : 'need'} it.`,
    );
    document.getElementById(altFieldId(missing.mediaId))?.focus();
    return true;
  };
  /**
   * The networks' limits, said here with what to fix; addToQueue, scheduleAt and the background's
   * publish.now refuse the same post again (queue-check.ts), so no path gets past this.
   */
  const refuseOverLimits = (saved: Post, verb: 'queued' | 'shared'): boolean => {
    const { refusals } = checkForQueue(saved, accounts);
    if (refusals.length === 0) return false;
    setStatus(`Not ${verb}: ${refusals.join(' ')} The draft is saved.`);
    return true;
  };
  /**
   * After queueing: a blank draft, or the next arm of the same A/B test that is not queued yet
   * (its arms are separate posts, and nothing else lists them). Says which, when it is an arm.
   */
  const openNext = async (queued: Post): Promise<string | null> => {
    const arm = await drafts.unqueuedArm(queued);
    if (!arm) {
      draft.startOver();
      return null;
    }
    await draft.open(arm.postId);
    return `Arm ${arm.arm} of this A/B test is open next: queue it too.`;
  };
  const atInstant = () => {
    const [date = '', time = ''] = at.split('T');
    return atLocalTime(date, time.slice(0, 5), workspace.timeZone);
  };
  const isEmpty = accounts.length === 0;

  /** Schedule at… with no time yet points at the field instead of doing nothing. */
  const scheduleAt = () => {
    if (at === '') {
      setStatus(`Pick a date and time (${workspace.timeZone}) beside “Schedule at…”, then press it again.`);
      document.getElementById('compose-at')?.focus();
      return;
    }
    void run((t) => drafts.scheduleAt({ ...t, at: atInstant() }), true, handOffTo !== null);
  };

  return (
    <div className="compose__actions">
      <div className="compose__action-row">
        {/* The slot's time is drawn from data-slot by CSS, so the button's text (what tests and the
            keyboard path find) stays "Add to queue" while the eye gets the time (issue 24). */}
        <Button
          type="button"
          variant="primary"
          className="compose__queue-button"
          data-slot={nextSlotWords ?? undefined}
          disabled={isBusy || isEmpty}
          onClick={() => void run(drafts.addToQueue, true)}
        >
          Add to queue
        </Button>
        <Button type="button" disabled={isBusy || isEmpty} onClick={scheduleAt}>
          Schedule at…
        </Button>
        <ShareNowButton
          disabled={isBusy || isEmpty}
          shareNow={shareNow}
          prepare={async () => {
            if (refuseWithoutAlt()) return null;
            const saved = await draft.flush();
            return saved && !refuseOverLimits(saved, 'shared') ? saved.id : null;
          }}
          onShared={async (message, postId) => {
            const shared = draft.post?.id === postId ? draft.post : null;
            const next = shared ? await openNext(shared) : (draft.startOver(), null);
            setStatus(next ? `${message} ${next}` : message);
            toast({ text: message });
            onQueued();
          }}
          onError={setStatus}
        />
        <Button
          type="button"
          variant="quiet"
          disabled={isBusy}
          onClick={() => void run((t) => drafts.saveDraft(t).then((value) => ({ value, nudgeFailed: null })), false)}
        >
          Save draft
        </Button>
      </div>
      <div className="compose__when">
        <label htmlFor="compose-at">
          Schedule at <span data-testid="schedule-zone">({workspace.timeZone})</span>
        </label>
        <TextField
          id="compose-at"
          type="datetime-local"
          aria-label={`Date and time in ${workspace.timeZone}`}
          value={at}
          onChange={(event) => setAt(event.target.value)}
        />
        <HandOffChoice post={draft.post} accounts={accounts} isChecked={isHandOff} onChange={setHandOff} />
      </div>
      <p role="status" aria-live="polite" className="compose__status" data-testid="compose-status">
        {status}
      </p>
    </div>
  );
}
