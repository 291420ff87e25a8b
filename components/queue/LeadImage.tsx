import { useState } from 'react';
import { safeHref } from './safe-href';

/**
 * The picture the page chose for itself (og:image), small beside the card's title. Web addresses
 * only; it loads lazily and without a referrer, and goes away when the host does not answer
 * (issue 17: the Queue shows the clip's image, which "Clip link" used to throw away).
 */
export function LeadImage({ src }: { src: string }) {
  const [hasFailed, setHasFailed] = useState(false);
  const href = safeHref(src);
  if (!href || hasFailed) return null;
  return <img className="clip-card__lead" src={href} alt="" loading="lazy" referrerPolicy="no-referrer" onError={() => setHasFailed(true)} />;
}
