/**
 * A link that scrolls to a quote (URL Fragment Text Directives, WICG scroll-to-text-fragment).
 * Long quotes use the `start,end` form with a few words at each end; `-`, `&` and `,` must be
 * percent-encoded inside a directive.
 */
export function textFragmentUrl(pageUrl: string, quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return pageUrl;
  const encode = (text: string) => encodeURIComponent(text).replace(/-/g, '%2D');
  const directive = words.length <= 8 ? encode(words.join(' ')) : `${encode(words.slice(0, 4).join(' '))},${encode(words.slice(-4).join(' '))}`;
  const base = pageUrl.split('#')[0];
  return `${base}#:~:text=${directive}`;
}
