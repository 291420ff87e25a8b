import type { Post } from '@/lib/model';

/** Campaign and content-pillar labels: for planning and reports, never sent to a network. */
export function LabelFields({ post, edit }: { post: Post; edit: (change: (post: Post) => Post) => void }) {
  const label = (value: string) => (value.trim() === '' ? null : value);
  return (
    <div className="compose__labels">
      <label>
        Campaign
        <input value={post.campaign ?? ''} onChange={(event) => edit((p) => ({ ...p, campaign: label(event.target.value) }))} />
      </label>
      <label>
        Content pillar
        <input value={post.pillar ?? ''} onChange={(event) => edit((p) => ({ ...p, pillar: label(event.target.value) }))} />
      </label>
    </div>
  );
}
