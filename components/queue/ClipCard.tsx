import type { Clip } from '@/lib/model';

const KIND_LABEL: Record<Clip['kind'], string> = {
  article: 'Article',
  selection: 'Quote',
  image: 'Image',
  link: 'Link',
  'social-post': 'Post',
};

/** Captured text is rendered as text only here; never as HTML. */
export function ClipCard({ clip }: { clip: Clip }) {
  return (
    <li className="clip-card" data-clip-id={clip.id}>
      <span className="clip-card__kind">{KIND_LABEL[clip.kind]}</span>
      <a className="clip-card__title" href={safeHref(clip.url)} target="_blank" rel="noreferrer noopener">
        {clip.title || clip.url}
      </a>
      {clip.quote ? <blockquote className="clip-card__quote">{clip.quote.text}</blockquote> : null}
      {clip.excerpt && !clip.quote ? <p className="clip-card__excerpt">{clip.excerpt}</p> : null}
      <p className="clip-card__meta">
        {[clip.siteName, clip.byline, new Date(clip.capturedAt).toLocaleString()].filter(Boolean).join(' · ')}
      </p>
      {clip.warnings.map((warning) => (
        <p key={warning} className="clip-card__warning" role="note">
          {warning}
        </p>
      ))}
    </li>
  );
}

/** Only http(s) links are followable from the queue: a `javascript:` URL becomes inert. */
export function safeHref(url: string): string | undefined {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
