import type { Clip } from '@/lib/model';

/**
 * Whether a clip has an article to open in the reader. Only article captures store HTML
 * (selections, links, images and social posts keep none); an article whose HTML was lost still
 * has its text, which the reader shows with a word about why.
 */
export function isReadable(clip: Pick<Clip, 'kind' | 'html' | 'text'>): boolean {
  return clip.html.trim() !== '' || (clip.kind === 'article' && clip.text.trim() !== '');
}
