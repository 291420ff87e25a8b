import { leaveExperiment, nextArm, setQuestion, startExperiment } from '@/lib/compose/experiment';
import type { Post } from '@/lib/model';
import { useExperimentArms } from '../data/drafts';
import type { DraftHandle } from './use-draft';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

interface Props {
  post: Post;
  draft: DraftHandle;
}

/**
 * Marks this post as an arm of an A/B test, with the question it asks, and writes the other
 * arms: each arm is its own post (lib/compose/experiment.ts), opened here from this list.
 * Insights compares them once they are out (components/insights/ExperimentList.tsx).
 */
export function ExperimentField({ post, draft }: Props) {
  const experiment = post.experiment;
  const arms = useExperimentArms(post.workspaceId, experiment?.id ?? null);
  if (!experiment) {
    return (
      <div className="compose__experiment">
        <Button type="button" onClick={() => draft.edit((current) => startExperiment(current))}>
          Make this an A/B test
        </Button>
      </div>
    );
  }
  const others = (arms ?? []).filter((arm) => arm.postId !== post.id);
  const next = nextArm([experiment.arm, ...others.map((arm) => arm.arm)]);
  return (
    <fieldset className="compose__experiment" data-testid="experiment-field">
      <legend>A/B test: this post is arm {experiment.arm}</legend>
      <label>
        Question this test answers
        <TextField
          type="text"
          value={experiment.question}
          placeholder="Does a question in the first line get more replies?"
          onChange={(event) => draft.edit((current) => setQuestion(current, event.target.value))}
        />
      </label>
      {others.length > 0 ? (
        <ul className="compose__arms" aria-label="Other arms of this test">
          {others.map((arm) => (
            <li key={arm.postId}>
              Arm {arm.arm}: {arm.text.slice(0, 60) || '(no text yet)'}{' '}
              <Button type="button" onClick={() => void draft.open(arm.postId)}>
                Open arm {arm.arm}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">A test needs two arms or more: write arm {next} with what you want to compare, then queue both.</p>
      )}
      <Button type="button" onClick={() => void draft.copyToNew()}>
        Write arm {next}
      </Button>{' '}
      <Button type="button" onClick={() => draft.edit(leaveExperiment)}>
        Leave the test
      </Button>
    </fieldset>
  );
}
