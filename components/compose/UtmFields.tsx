import { outgoingParts } from '@/lib/compose/post-draft';
import type { Account, Post } from '@/lib/model';
import { Checkbox } from '../ui/Checkbox';
import { TextField } from '../ui/TextField';

/** UTM tags are stored as settings on the post and added per network; the preview shows the result. */
export function UtmFields({ post, accounts, edit }: { post: Post; accounts: Account[]; edit: (change: (post: Post) => Post) => void }) {
  const setUtm = (change: Partial<Post['utm']>) => edit((p) => ({ ...p, utm: { ...p.utm, ...change } }));
  return (
    <div className="compose__utm">
      <label>
        <Checkbox checked={post.utm.enabled} onChange={(event) => setUtm({ enabled: event.target.checked })} />
        Add UTM tags to links
      </label>
      {post.utm.enabled ? (
        <>
          <label>
            UTM campaign
            <TextField value={post.utm.campaign} onChange={(event) => setUtm({ campaign: event.target.value })} />
          </label>
          <label>
            UTM medium
            <TextField value={post.utm.medium} onChange={(event) => setUtm({ medium: event.target.value })} />
          </label>
          <ul className="compose__utm-preview" aria-label="Text with tags">
            {accounts.map((account) => (
              <li key={account.id}>
                <strong>@{account.handle}</strong>: <span className="compose__preview-text">{outgoingParts(post, account)[0]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
