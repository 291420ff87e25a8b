import { isStoredSrc } from '@/lib/compose/media-store';
import { useBlobUrl } from '../compose/use-blob-url';

/**
 * The clip's picture beside the card's title, only when Cadence holds a copy of it (issue 24): a
 * picture kept in the extension's media store, or a data: image. A page's picture at its web
 * address (og:image) is not loaded from the Queue, so scrolling the Queue tells no image host what
 * you clipped; Compose, the reader and the link card load it when you open the clip.
 */
export function LeadImage({ src }: { src: string }) {
  if (isStoredSrc(src)) return <StoredImage src={src} />;
  if (!/^data:image\/(png|jpeg|webp|gif);/i.test(src)) return null;
  return <img className="clip-card__lead" src={src} alt="" />;
}

function StoredImage({ src }: { src: string }) {
  const { url } = useBlobUrl(src);
  return url ? <img className="clip-card__lead" src={url} alt="" /> : null;
}
