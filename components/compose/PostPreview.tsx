import { cardHost } from '@/lib/compose/link-card';
import { previewMediaLayout, type MediaTile } from '@/lib/compose/preview-media';
import { previewFor, shownLinkText, type PreviewPart, type Segment } from '@/lib/compose/preview';
import type { Account, Clip, Media, Post } from '@/lib/model';
import { NETWORK_NAMES } from '@/lib/model/network-names';
import { Avatar } from '../ui/Avatar';
import { useBlobUrl } from './use-blob-url';

/**
 * Each chosen account's post as its network will show it (issue 22): the author, the text with
 * its links, mentions and tags, the images, the link card, the thread and the first comment. Built
 * by lib/compose/preview.ts from the code publishing uses, so it never says other than what is sent.
 */
export function PostPreview({ post, accounts, clip = null }: { post: Post; accounts: Account[]; clip?: Clip | null }) {
  if (accounts.length === 0) return null;
  return (
    <section className="post-preview" aria-label="Preview per network" data-testid="post-preview">
      <h3>Preview</h3>
      {accounts.map((account) => (
        <AccountPreview key={account.id} post={post} account={account} clip={clip} />
      ))}
    </section>
  );
}

function AccountPreview({ post, account, clip }: { post: Post; account: Account; clip: Clip | null }) {
  const model = previewFor(post, account);
  const labels = account.network === 'bluesky' ? (post.bluesky?.labels ?? []) : [];
  return (
    <article
      className={`post-preview__card post-preview__card--${account.network}`}
      data-testid={`preview-${account.id}`}
      aria-label={`As it will look on ${NETWORK_NAMES[account.network]} for @${account.handle}`}
    >
      {model.parts.map((part, index) => (
        <div key={index} className="post-preview__part" data-testid="preview-part" data-comment={part.isComment || undefined}>
          <header className="post-preview__author">
            <Avatar name={account.displayName || null} handle={account.handle} network={account.network} src={account.avatarUrl} size={32} />
            <strong>{account.displayName || account.handle}</strong> <span className="muted">@{account.handle}</span>
            {part.isComment ? (
              <span className="muted"> · first comment, a reply to the post</span>
            ) : index > 0 ? (
              <span className="muted">
                {' '}
                · {index + 1}/{model.parts.filter((p) => !p.isComment).length}
              </span>
            ) : null}
          </header>
          <PartText part={part} network={account.network} />
          {index === 0 && labels.length > 0 ? <p className="post-preview__label">Content warning on Bluesky: {labels.join(', ')}</p> : null}
          {index === 0 && model.media.length > 0 ? <PreviewMedia network={account.network} media={model.media} /> : null}
          {index === 0 && model.card ? (
            <a className="link-card post-preview__card-link" href={model.card.url} target="_blank" rel="noreferrer" data-testid="preview-card">
              {model.card.imageUrl ? <img className="link-card__image" src={model.card.imageUrl} alt="" /> : null}
              <strong className="link-card__title">{model.card.title}</strong>
              {model.card.description ? <span className="link-card__description">{model.card.description}</span> : null}
              <span className="link-card__host muted">{cardHost(model.card.url)}</span>
            </a>
          ) : null}
          {index === 0 && post.quote ? <QuotedPost url={post.quote.url} clip={clip} /> : null}
          <p className={part.count.over ? 'post-preview__count warn' : 'post-preview__count muted'}>
            {part.count.used} / {part.count.limit}
          </p>
        </div>
      ))}
    </article>
  );
}

function PartText({ part, network }: { part: PreviewPart; network: Account['network'] }) {
  return (
    <p className="post-preview__text" data-testid="preview-text">
      {part.segments.map((segment, index) => (
        <SegmentView key={index} segment={segment} network={network} />
      ))}
    </p>
  );
}

function SegmentView({ segment, network }: { segment: Segment; network: Account['network'] }) {
  if (segment.kind === 'text') return <>{segment.text}</>;
  if (segment.kind === 'link') {
    return (
      <a href={segment.href} target="_blank" rel="noreferrer" data-kind="link" data-href={segment.href}>
        {shownLinkText(network, segment)}
      </a>
    );
  }
  if (segment.kind === 'mention') {
    return (
      <span className="post-preview__mention" data-kind="mention" data-handle={segment.handle}>
        {segment.text}
      </span>
    );
  }
  return (
    <span className="post-preview__tag" data-kind="tag" data-tag={segment.tag}>
      {segment.text}
    </span>
  );
}

/**
 * The quoted post as a card, the way both networks embed one: its author and words when it is the
 * clipped post Compose started from (what Cadence knows without asking the network), else its
 * address. The address is always there, so what is quoted is never in doubt.
 */
function QuotedPost({ url, clip }: { url: string; clip: Clip | null }) {
  const quoted = clip?.post && (clip.post.postUrl === url || clip.url === url) ? clip.post : null;
  return (
    <blockquote className="post-preview__quote" data-testid="preview-quote">
      {quoted ? (
        <>
          <span className="post-preview__quote-author">
            <Avatar name={quoted.authorName || null} handle={quoted.authorHandle} size={20} />
            <strong>{quoted.authorName || quoted.authorHandle}</strong>{' '}
            <span className="muted">{quoted.authorHandle.startsWith('@') ? quoted.authorHandle : `@${quoted.authorHandle}`}</span>
          </span>
          <span className="post-preview__quote-text">{quoted.text.length > 280 ? `${quoted.text.slice(0, 279)}…` : quoted.text}</span>
          <span className="post-preview__quote-url muted">{url}</span>
        </>
      ) : (
        <>Quoting {url}</>
      )}
    </blockquote>
  );
}

/** The images cut as the network's app frames them (lib/compose/preview-media.ts). */
function PreviewMedia({ network, media }: { network: Account['network']; media: Media[] }) {
  const layout = previewMediaLayout(network, media);
  return (
    <ul className={`post-preview__media post-preview__media--${layout.columns}`} data-testid="preview-media">
      {layout.tiles.map((tile) => (
        <PreviewImage key={tile.media.id} tile={tile} />
      ))}
    </ul>
  );
}

function PreviewImage({ tile }: { tile: MediaTile }) {
  const { url } = useBlobUrl(tile.media.src);
  // A tile over two rows takes the height of both; the others keep the shape the network cuts to.
  const style = tile.rows === 2 ? { gridRow: 'span 2' } : { aspectRatio: String(tile.aspect) };
  return (
    <li style={style} data-aspect={tile.aspect.toFixed(3)}>
      {url ? <img src={url} alt={tile.media.alt} /> : <span>{tile.media.alt || 'Image'}</span>}
    </li>
  );
}
