import { mentionFor } from '@/lib/compose/credit';
import { NETWORK_NAMES, type Clip } from '@/lib/model';
import { KIND_LABEL } from './kind-label';
import { LeadImage } from './LeadImage';
import { safeHref } from './safe-href';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';

export { safeHref } from './safe-href';

export interface ClipCardActions {
  onToggle: () => void;
  onEdit: () => void;
  onTag: (tag: string) => void;
  onCompose?: () => void;
  /** Opens the reader; the button is handed over so focus can come back to it. Absent: nothing to read. */
  onRead?: (opener: HTMLButtonElement) => void;
}

/** Captured text is rendered as text only here; never as HTML. */
export function ClipCard({ clip, isSelected, actions }: { clip: Clip; isSelected: boolean; actions: ClipCardActions }) {
  const href = safeHref(clip.url);
  const title = clip.title || clip.url;
  return (
    <article className="clip-card">
      <div className="clip-card__head">
        <Checkbox tabIndex={-1} aria-label={`Select ${title}`} checked={isSelected} onChange={actions.onToggle} />
        <span className="clip-card__kind">{KIND_LABEL[clip.kind]}</span>
        {clip.status === 'new' ? null : <span className="clip-card__status">{clip.status}</span>}
      </div>
      {clip.leadImage ? <LeadImage key={clip.leadImage} src={clip.leadImage} /> : null}
      <a className="clip-card__title" href={href} target="_blank" rel="noreferrer noopener" tabIndex={-1}>
        {title}
      </a>
      {clip.quote ? <blockquote className="clip-card__quote">{clip.quote.text}</blockquote> : null}
      {clip.excerpt && !clip.quote ? <p className="clip-card__excerpt">{clip.excerpt}</p> : null}
      <p className="clip-card__meta">{[clip.siteName, clip.byline, new Date(clip.capturedAt).toLocaleString()].filter(Boolean).join(' · ')}</p>
      <Credits clip={clip} />
      {clip.tags.length > 0 ? (
        <p className="clip-card__tags">
          {clip.tags.map((tag) => (
            <Button key={tag} type="button" className="tag" tabIndex={-1} onClick={() => actions.onTag(tag)} aria-label={`Show clips tagged ${tag}`}>
              #{tag}
            </Button>
          ))}
        </p>
      ) : null}
      {clip.note ? <p className="clip-card__note">{clip.note}</p> : null}
      {clip.warnings.map((warning) => (
        <p key={warning} className="clip-card__warning" role="note">
          {warning}
        </p>
      ))}
      <p className="clip-card__actions">
        {actions.onRead ? (
          <Button type="button" onClick={(event) => actions.onRead?.(event.currentTarget)}>
            Read
          </Button>
        ) : null}
        <Button type="button" onClick={actions.onEdit}>
          Tags &amp; note
        </Button>
        {actions.onCompose ? (
          <Button type="button" onClick={actions.onCompose}>
            Compose from this
          </Button>
        ) : null}
        {href ? (
          <a href={href} target="_blank" rel="noreferrer noopener">
            Open source
          </a>
        ) : (
          <span className="help">No followable link</span>
        )}
      </p>
    </article>
  );
}

/** Who a share will credit, per network, as the composer will write it ("via @alice.bsky.social"). */
function Credits({ clip }: { clip: Clip }) {
  const mentions = [
    ...new Map(
      clip.credits.flatMap((credit) => {
        const mention = mentionFor(credit);
        return mention === null ? [] : [[`${credit.network} ${mention}`, `${mention} on ${NETWORK_NAMES[credit.network]}`] as const];
      }),
    ).values(),
  ];
  if (mentions.length === 0) return null;
  return <p className="clip-card__credit">Credit: {mentions.join(' · ')}</p>;
}
