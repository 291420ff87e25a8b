import { useState } from 'react';
import { errorText } from '../common/error-text';
import type { FeedLink } from '@/lib/model';
import { useServices } from '../data/store-context';
import { useActiveWorkspaceId } from '../data/workspace';
import { FollowFeedOffer } from './FollowFeedOffer';
import { Button } from '../ui/Button';
import { useToast } from '../ui/Toast';

type Outcome = { tone: 'ok' | 'warn'; text: string } | null;

/**
 * "Clip this page": clips the tab the user is reading, from the Queue. The background reads the
 * page when Chrome lets it (lib/platform/ports.ts, tabs.active); otherwise it files a link and this says
 * why, or, when even the address is hidden, says what to do instead.
 */
export function ClipThisPage() {
  const { request } = useServices();
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [feeds, setFeeds] = useState<FeedLink[]>([]);
  const workspaceId = useActiveWorkspaceId() ?? null;
  const toast = useToast();
  const clip = async () => {
    setBusy(true);
    setOutcome(null);
    setFeeds([]);
    try {
      const answer = await request('capture.activeTab', {});
      setFeeds(answer.feeds ?? []);
      const what = `${answer.merged ? 'Updated' : 'Clipped'} “${answer.title}”`;
      setOutcome(answer.warning ? { tone: 'warn', text: `${what} as a link. ${answer.warning}` } : { tone: 'ok', text: `${what}.` });
      toast({ text: answer.warning ? `${what} as a link.` : `${what}.` });
    } catch (error) {
      setOutcome({ tone: 'warn', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="clip-this-page">
      <Button type="button" onClick={() => void clip()} disabled={isBusy} aria-describedby="clip-this-page-status">
        {isBusy ? 'Clipping…' : 'Clip this page'}
      </Button>
      <p
        id="clip-this-page-status"
        role="status"
        data-testid="clip-this-page-status"
        className={`clip-this-page__status clip-this-page__status--${outcome?.tone ?? 'ok'}`}
      >
        {outcome?.text ?? ''}
      </p>
      <FollowFeedOffer feeds={feeds} workspaceId={workspaceId} />
    </div>
  );
}
