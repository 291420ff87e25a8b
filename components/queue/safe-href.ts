/** Only http(s) links are followable from the queue: a `javascript:` URL becomes inert. */
export function safeHref(url: string): string | undefined {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
