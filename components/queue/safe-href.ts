const WEB = ['http:', 'https:'];
/** Links inside an article may also write an e-mail; nothing else leaves the panel. */
const ARTICLE_LINK = [...WEB, 'mailto:'];

/** Only http(s) links are followable from the queue: a `javascript:` URL becomes inert. */
export function safeHref(url: string): string | undefined {
  return absoluteUrl(url, undefined, WEB);
}

/**
 * A link of a clipped article as the reader may follow it: resolved against the page it came from
 * (a relative URL would otherwise point into the extension), http(s) or mailto only.
 */
export function safeArticleHref(url: string, base: string): string | undefined {
  return absoluteUrl(url, base, ARTICLE_LINK);
}

function absoluteUrl(url: string, base: string | undefined, protocols: string[]): string | undefined {
  try {
    const parsed = new URL(url, base);
    if (!protocols.includes(parsed.protocol)) return undefined;
    // Unchanged when already absolute, so the queue's links read as the user clipped them.
    return base === undefined ? url : parsed.href;
  } catch {
    return undefined;
  }
}
