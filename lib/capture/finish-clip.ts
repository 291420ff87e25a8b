import type { ClipCapture, PageCapture } from '../model';
import type { CleanArticle } from './clean-article';
import { shorten, tidyText } from './dom';
import { readingMinutes } from './reading-time';
import { WARNINGS } from './warnings';

/**
 * The clip from what the page read (lib/model/clip.ts PageCapture): an article gets the cleaned
 * markup and its text, an excerpt if Readability found none, and a reading time. `cleaned` is what
 * lib/capture/clean-article.ts made of the page's markup, or null when it could not be cleaned:
 * then the words Readability read are kept without their formatting, and the clip says so.
 * Anything that is not an article comes through as the page made it.
 */
export function finishClip({ clip, article }: PageCapture, cleaned: CleanArticle | null): ClipCapture {
  if (!article || clip.kind !== 'article') return clip;
  const text = cleaned ? cleaned.text : tidyText(article.text);
  // Cleaning can leave nothing (an "article" of scripts and forms): the page is a link after all.
  if (!text) return { ...clip, kind: 'link', text: '', html: '', readingMinutes: null, warnings: [...clip.warnings, WARNINGS.notReaderable] };
  return {
    ...clip,
    text,
    html: cleaned?.html ?? '',
    excerpt: clip.excerpt || shorten(text),
    readingMinutes: readingMinutes(text, clip.lang),
    warnings: cleaned ? clip.warnings : [...clip.warnings, WARNINGS.formattingLost],
  };
}
