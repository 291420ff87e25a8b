import { useState } from 'react';
import {
  BLUESKY_SELF_LABELS,
  DEFAULT_BLUESKY_OPTIONS,
  DEFAULT_MASTODON_OPTIONS,
  type Account,
  type BlueskyOptions,
  type Clip,
  type MastodonOptions,
  type Post,
} from '@/lib/model';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

interface Props {
  post: Post;
  clip: Clip | null;
  accounts: Account[];
  edit: (change: (post: Post) => Post) => void;
}

/** Bluesky's own words for its self-labels (the app's "Adult content" menu). */
const LABEL_NAMES: Record<(typeof BLUESKY_SELF_LABELS)[number], string> = {
  sexual: 'Suggestive',
  nudity: 'Nudity',
  porn: 'Adult (porn)',
  'graphic-media': 'Graphic media',
};

type Replies = BlueskyOptions['replies'];
const SOME: Replies = { kind: 'some', mention: true, following: false, followers: false, lists: [] };

/**
 * Each network's own controls (issue 22): on Bluesky who can reply, whether it may be quoted and
 * its self-labels; the post it quotes (Bluesky, and Mastodon where the server takes quotes); on
 * Mastodon who may quote it. The background writes them on publish (lib/networks/*).
 */
export function NetworkControls({ post, clip, accounts, edit }: Props) {
  const bluesky = accounts.filter((account) => account.network === 'bluesky');
  const mastodon = accounts.filter((account) => account.network === 'mastodon' && account.publishMode === 'api');
  if (bluesky.length === 0 && mastodon.length === 0) return null;
  const options = post.bluesky ?? DEFAULT_BLUESKY_OPTIONS;
  const setBluesky = (change: Partial<BlueskyOptions>) => edit((p) => ({ ...p, bluesky: { ...(p.bluesky ?? DEFAULT_BLUESKY_OPTIONS), ...change } }));
  const setMastodon = (change: Partial<MastodonOptions>) => edit((p) => ({ ...p, mastodon: { ...(p.mastodon ?? DEFAULT_MASTODON_OPTIONS), ...change } }));
  const noQuotes = mastodon.filter((account) => account.limits.quotes !== true);
  const clippedPost = clip?.post && (clip.post.network === 'bluesky' || clip.post.network === 'mastodon') ? clip.post.postUrl : null;
  return (
    <div className="compose__network-controls" data-testid="network-controls">
      <QuoteField key={post.id} post={post} clippedPost={clippedPost} edit={edit} />
      {post.quote && noQuotes.length > 0 ? (
        <p className="muted" role="note" data-testid="quote-unsupported">
          {noQuotes.map((a) => `@${a.handle}`).join(', ')}: the server does not take quote posts (it needs Mastodon 4.5, API version 7), so publishing there is
          refused. Untick it or remove the quote.
        </p>
      ) : null}
      {bluesky.length > 0 ? (
        <fieldset className="compose__bluesky">
          <legend>On Bluesky</legend>
          <RepliesField key={post.id} replies={options.replies} onChange={(replies) => setBluesky({ replies })} />
          <label>
            <Checkbox checked={options.allowQuotes} onChange={(event) => setBluesky({ allowQuotes: event.target.checked })} /> Allow quote posts
          </label>
          <fieldset>
            <legend>Content labels for sensitive media</legend>
            {BLUESKY_SELF_LABELS.map((label) => (
              <label key={label}>
                <Checkbox
                  checked={options.labels.includes(label)}
                  onChange={(event) => setBluesky({ labels: event.target.checked ? [...options.labels, label] : options.labels.filter((l) => l !== label) })}
                />{' '}
                {LABEL_NAMES[label]}
              </label>
            ))}
          </fieldset>
        </fieldset>
      ) : null}
      {mastodon.length > 0 ? (
        noQuotes.length === 0 ? (
          <label>
            Who can quote it on Mastodon
            <Select
              value={post.mastodon?.quotePolicy ?? ''}
              onChange={(event) => setMastodon({ quotePolicy: (event.target.value || null) as MastodonOptions['quotePolicy'] })}
            >
              <option value="">The account’s default</option>
              <option value="public">Anyone</option>
              <option value="followers">Followers only</option>
              <option value="nobody">Just me</option>
            </Select>
          </label>
        ) : (
          <p className="muted" data-testid="mastodon-quotes-why">
            Quote settings on Mastodon: {noQuotes.map((a) => `@${a.handle}`).join(', ')}’s server does not say it takes quote posts (API version 7, Mastodon
            4.5).
          </p>
        )
      ) : null}
    </div>
  );
}

function QuoteField({ post, clippedPost, edit }: { post: Post; clippedPost: string | null; edit: Props['edit'] }) {
  const [address, setAddress] = useState(post.quote?.url ?? '');
  const setQuote = (url: string) => edit((p) => ({ ...p, quote: url.trim() === '' ? null : { url: url.trim() } }));
  return (
    <div className="compose__quote">
      <label>
        Quote a post (its address)
        <TextField
          value={address}
          placeholder="https://bsky.app/profile/…/post/…"
          onChange={(event) => {
            setAddress(event.target.value);
            setQuote(event.target.value);
          }}
        />
      </label>
      {clippedPost && post.quote?.url !== clippedPost ? (
        <Button
          type="button"
          onClick={() => {
            setAddress(clippedPost);
            setQuote(clippedPost);
          }}
        >
          Quote the clipped post
        </Button>
      ) : null}
    </div>
  );
}

function RepliesField({ replies, onChange }: { replies: Replies; onChange: (replies: Replies) => void }) {
  const some = replies.kind === 'some' ? replies : null;
  const [list, setList] = useState(some?.lists[0] ?? '');
  const toggle = (key: 'mention' | 'following' | 'followers', value: boolean) => some && onChange({ ...some, [key]: value });
  return (
    <fieldset>
      <legend>Who can reply</legend>
      <Select
        aria-label="Who can reply"
        value={replies.kind}
        onChange={(event) => onChange(event.target.value === 'some' ? SOME : { kind: event.target.value as 'everyone' | 'nobody' })}
      >
        <option value="everyone">Everyone</option>
        <option value="some">Only some people</option>
        <option value="nobody">Nobody</option>
      </Select>
      {some ? (
        <>
          <label>
            <Checkbox checked={some.mention} onChange={(event) => toggle('mention', event.target.checked)} /> People you mention
          </label>
          <label>
            <Checkbox checked={some.following} onChange={(event) => toggle('following', event.target.checked)} /> People you follow
          </label>
          <label>
            <Checkbox checked={some.followers} onChange={(event) => toggle('followers', event.target.checked)} /> Your followers
          </label>
          <label>
            Members of a list (its at:// address)
            <TextField
              value={list}
              placeholder="at://…/app.bsky.graph.list/…"
              onChange={(event) => {
                setList(event.target.value);
                onChange({ ...some, lists: event.target.value.trim().startsWith('at://') ? [event.target.value.trim()] : [] });
              }}
            />
          </label>
        </>
      ) : null}
    </fieldset>
  );
}
