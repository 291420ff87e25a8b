/**
 * How a Mastodon server turns a plain-text status into HTML (app/lib/text_formatter.rb):
 * paragraphs on blank lines, <br /> for newlines, links split into invisible/ellipsis spans,
 * hashtags and mentions as links. Remote mentions show only the local part.
 */

const TOKEN = /(https?:\/\/[^\s<>"]+)|(^|[^\w/])#([\p{L}\p{N}_]+)|(^|[^\w/])@([a-z0-9_]+)(?:@([a-z0-9.:-]+[a-z0-9]))?/giu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

export function mentionsIn(text: string): Array<{ username: string; domain: string | null }> {
  const found: Array<{ username: string; domain: string | null }> = [];
  for (const match of text.matchAll(TOKEN)) if (match[5]) found.push({ username: match[5].toLowerCase(), domain: match[6]?.toLowerCase() ?? null });
  return found;
}

export function tagsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(TOKEN)) if (match[3]) found.push(match[3].toLowerCase());
  return found;
}

export function formatStatus(text: string, origin: string): string {
  const paragraphs = text.trim().split(/\n{2,}/);
  return paragraphs
    .map(
      (paragraph) =>
        `<p>${paragraph
          .split('\n')
          .map((line) => formatLine(line, origin))
          .join('<br />')}</p>`,
    )
    .join('');
}

function formatLine(line: string, origin: string): string {
  let html = '';
  let cursor = 0;
  for (const match of line.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    html += escapeHtml(line.slice(cursor, index));
    if (match[1]) {
      const url = match[1];
      const [, scheme = '', rest = ''] = /^(https?:\/\/)(.*)$/.exec(url) ?? [];
      const shown = rest.slice(0, 30);
      html +=
        `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
        `<span class="invisible">${escapeHtml(scheme)}</span><span class="${rest.length > 30 ? 'ellipsis' : ''}">${escapeHtml(shown)}</span>` +
        `<span class="invisible">${escapeHtml(rest.slice(30))}</span></a>`;
    } else if (match[3]) {
      html += `${escapeHtml(match[2] ?? '')}<a href="${origin}/tags/${encodeURIComponent(match[3].toLowerCase())}" class="mention hashtag" rel="tag">#<span>${escapeHtml(match[3])}</span></a>`;
    } else if (match[5]) {
      html += `${escapeHtml(match[4] ?? '')}<span class="h-card" translate="no"><a href="${origin}/@${match[5]}" class="u-url mention">@<span>${escapeHtml(match[5])}</span></a></span>`;
    }
    cursor = index + match[0].length;
  }
  return html + escapeHtml(line.slice(cursor));
}
