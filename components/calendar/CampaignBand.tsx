import { useState } from 'react';
import type { Delivery } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useCampaignQueue } from '../data/calendar';
import { Button } from '../ui/Button';

interface Props {
  campaign: string;
  workspaceId: string;
  isDayEmpty: boolean;
  /** Unschedule every post of the campaign that waits, whatever its date (issue 17). */
  onUnschedule: (deliveries: Delivery[], what: string) => void;
}

/** A campaign's band on a day; pressed, it offers to take the whole campaign back to drafts. */
export function CampaignBand({ campaign, workspaceId, isDayEmpty, onUnschedule }: Props) {
  const campaignQueue = useCampaignQueue();
  const [waiting, setWaiting] = useState<Delivery[] | null>(null);
  const [problem, setProblem] = useState('');
  const toggle = async () => {
    if (waiting) return setWaiting(null);
    setProblem('');
    try {
      setWaiting(await campaignQueue(workspaceId, campaign));
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <div className="day__band" data-testid="campaign-band" title={`Campaign: ${campaign}`}>
      <Button type="button" className="day__band-name" aria-expanded={waiting !== null} onClick={() => void toggle()}>
        {campaign}
      </Button>
      {isDayEmpty ? <span className="day__gap"> — no post yet</span> : null}
      {waiting ? (
        <div className="day__band-menu" role="group" aria-label={`Campaign ${campaign}`}>
          {waiting.length === 0 ? (
            <p>No post of “{campaign}” waits to be published.</p>
          ) : (
            <>
              <p>
                {waiting.length === 1 ? 'One post' : `${waiting.length} posts`} of “{campaign}” {waiting.length === 1 ? 'waits' : 'wait'} to be published, on
                any date.
              </p>
              <Button
                type="button"
                onClick={() => {
                  setWaiting(null);
                  onUnschedule(waiting, `Unscheduled the campaign “${campaign}”`);
                }}
              >
                Unschedule campaign
              </Button>
            </>
          )}
          <Button type="button" onClick={() => setWaiting(null)}>
            Keep
          </Button>
        </div>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
    </div>
  );
}
