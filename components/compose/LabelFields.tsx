import type { Post } from '@/lib/model';
import { TextField } from '../ui/TextField';

/** Campaign and content-pillar labels: for planning and reports, never sent to a network. */
export function LabelFields({ post, edit }: { post: Post; edit: (change: (post: Post) => Post) => void }) {
  const label = (value: string) => (value.trim() === '' ? null : value);
  return (
    <div className="compose__labels">
      <label>
        Campaign
        <TextField value={post.campaign ?? ''} onChange={(event) => edit((p) => ({ ...p, campaign: label(event.target.value) }))} />
      </label>
      <label>
        Content pillar
        <TextField value={post.pillar ?? ''} onChange={(event) => edit((p) => ({ ...p, pillar: label(event.target.value) }))} />
      </label>
    </div>
  );
}
