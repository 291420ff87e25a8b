import { useLayoutEffect, useMemo, useRef } from 'react';
import type { Clip } from '@/lib/model';
import { cloneInto, readerContent, type FallbackReason } from './reader-content';

const NOTICE: Record<FallbackReason, string> = {
  'no-html': 'This clip was saved without the article’s layout, so here is its plain text.',
  unsafe: 'The article’s layout could not be shown safely here, so here is its plain text.',
  emptied: 'Nothing of the article’s layout was safe to show, so here is its plain text.',
};

/**
 * The article, sanitized when the reader opens (reader-content.ts) and cloned into a container
 * React leaves alone; or the clip's text with a sentence saying why. Never blank.
 * `win` is the panel's window; a test passes one whose sanitizer refuses to run.
 */
export function ReaderBody({ clip, win = window }: { clip: Clip; win?: Window & typeof globalThis }) {
  const base = clip.sourceUrl || clip.url;
  const content = useMemo(() => readerContent(clip.html, { win, base }), [clip.html, base, win]);
  const container = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (content.kind === 'article' && container.current) cloneInto(container.current, content.body);
  }, [content]);

  if (content.kind === 'article')
    return <div ref={container} className="clip-reader__body" lang={clip.lang ?? undefined} dir="auto" data-testid="reader-body" />;
  const paragraphs = clip.text.split(/\n{2,}/).filter((paragraph) => paragraph.trim());
  return (
    <div className="clip-reader__body" lang={clip.lang ?? undefined} dir="auto" data-testid="reader-body">
      <p className="clip-reader__notice" role="note">
        {paragraphs.length > 0 ? NOTICE[content.reason] : 'No text of this article was saved with the clip. Open the source to read it on its site.'}
      </p>
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="clip-reader__text">
          {paragraph}
        </p>
      ))}
    </div>
  );
}
