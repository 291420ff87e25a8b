import { useState } from 'react';
import { mediaWarnings } from '@/lib/compose/media-draft';
import type { Account, Delivery, Workspace } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
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
  /** Hands the post out at once; by default through the background publisher's 'publish.now'. */
  shareNow?: ShareNow;
}

export function ScheduleActions({ workspace, accounts, draft, onQueued, shareNow }: Props) {
  const { store, request } = useServices();
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
      setStatus(queuedMessage(placed, accounts, workspace.timeZone));
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
  /** Share now through the background publisher: the post's chosen accounts get deliveries, all due this instant. */
  const shareViaPublisher: ShareNow = async (postId) => {
    await saveDraft(store, { postId, accountIds: accounts.map((account) => account.id), now: Date.now() });
    const { deliveries } = await request('publish.now', { postId });
    const handles = deliveries.map((d) => `@${accounts.find((account) => account.id === d.accountId)?.handle ?? d.accountId}`);
    return `Sharing now on ${handles.join(' and ')}; the calendar shows when it is out.`;
  };

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
        shareNow={shareNow ?? shareViaPublisher}
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
