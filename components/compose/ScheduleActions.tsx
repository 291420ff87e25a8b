import { useState } from 'react';
import { mediaWarnings } from '@/lib/compose/media-draft';
import type { Account, Delivery, Workspace } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
import { checkForQueue } from '@/lib/schedule/queue-check';
import { addToQueue, saveDraft, scheduleAt } from '@/lib/schedule/queue-post';
import { errorText } from '../common/error-text';
import { useServices } from '../common/store-context';
import { altFieldId } from './MediaItem';
import { queuedMessage } from './queued-message';
import { ShareNowButton, type ShareNow } from './ShareNowButton';
import type { DraftHandle } from './use-draft';

interface Props {
  workspace: Workspace;
  accounts: Account[];
  draft: DraftHandle;
  onQueued: () => void;
  /** Hands the post to the publisher at once; absent while no publisher handles 'publish.now'. */
}

export function ScheduleActions({ workspace, accounts, draft, onQueued }: Props) {
  const { store, request } = useServices();
  /** Share now: one delivery per chosen account, due at once; the publisher sends them straight away. */
  const shareNow: ShareNow = async (postId) => {
    await saveDraft(store, { postId, accountIds: accounts.map((account) => account.id), now: Date.now() });
    const { deliveries } = await request('publish.now', { postId });
    const handles = deliveries.map((delivery) => `@${accounts.find((account) => account.id === delivery.accountId)?.handle ?? delivery.accountId}`);
    return `Publishing now on ${handles.join(', ')}. The Calendar shows each one when it is out.`;
  };
  const [at, setAt] = useState('');
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);

  const run = async (place: (targets: { postId: string; accountIds: string[]; now: number }) => Promise<Delivery[]>, isQueueing: boolean) => {
    setStatus('');
    if (isQueueing && refuseWithoutAlt()) return;
    setBusy(true);
    try {
      const saved = await draft.flush();
      if (!saved) return;
      const placed = await place({ postId: saved.id, accountIds: accounts.map((account) => account.id), now: Date.now() });
      if (!isQueueing) {
        setStatus('Draft saved.');
        return;
      }
      // Reminder accounts are queued anyway (the share page is still editable): say what to fix there.
      setStatus([queuedMessage(placed, accounts, workspace.timeZone), ...checkForQueue(saved, accounts).warnings].join(' '));
      draft.startOver();
      onQueued();
      // The deliveries are stored either way; the background only re-arms its publish alarm,
      // and it re-reads the queue at every start-up, so a failed nudge is reported, not fatal.
      await request('schedule.changed', {}).catch((error: unknown) => setStatus((text) => `${text}. ${errorText(error)}`));
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
    setStatus(`Add alt text to image ${missing.index + 1} first: ${missing.handles.map((h) => `@${h}`).join(' and ')} ${missing.handles.length === 1 ? 'needs' : 'need'} it.`);
    document.getElementById(altFieldId(missing.mediaId))?.focus();
    return true;
  };
  const atInstant = () => {
    const [date = '', time = ''] = at.split('T');
    return atLocalTime(date, time.slice(0, 5), workspace.timeZone);
  };
  const isEmpty = accounts.length === 0;

  return (
    <div className="compose__actions">
      <button type="button" className="primary" disabled={isBusy || isEmpty} onClick={() => void run((t) => addToQueue(store, t), true)}>
        Add to queue
      </button>
      <label>
        Schedule at <span data-testid="schedule-zone">({workspace.timeZone})</span>
        <input type="datetime-local" aria-label={`Date and time in ${workspace.timeZone}`} value={at} onChange={(event) => setAt(event.target.value)} />
      </label>
      <button type="button" disabled={isBusy || isEmpty || at === ''} onClick={() => void run((t) => scheduleAt(store, { ...t, at: atInstant() }), true)}>
        Schedule at…
      </button>
      <ShareNowButton
        disabled={isBusy || isEmpty}
        shareNow={shareNow}
        prepare={async () => (refuseWithoutAlt() ? null : ((await draft.flush())?.id ?? null))}
        onShared={(message) => {
          setStatus(message);
          draft.startOver();
          onQueued();
        }}
        onError={setStatus}
      />
      <button type="button" disabled={isBusy} onClick={() => void run((t) => saveDraft(store, t), false)}>
        Save draft
      </button>
      <p role="status" aria-live="polite" className="compose__status" data-testid="compose-status">
        {status}
      </p>
    </div>
  );
}
