import type { CSSProperties } from 'react';
import { NETWORK_MARKS, type MarkedNetwork } from './network-marks';

/**
 * A person or account: their picture when one is stored locally (a blob: or data: URL), else their
 * initials on a colour derived from the handle, with the network's mark at the corner. Remote avatar
 * addresses are not loaded (README, Privacy: Cadence talks only to the networks' APIs and clip images).
 * The initials and the mark are drawn by CSS from data attributes, so they add no text to the row
 * they sit in (its textContent and accessible name stay what they were; the avatar is decoration).
 */
export function Avatar({
  name,
  handle,
  network,
  src = null,
  size = 28,
}: {
  name: string | null;
  handle: string;
  network?: MarkedNetwork | null;
  src?: string | null;
  size?: number;
}) {
  const isLocal = src !== null && /^(blob|data):/.test(src);
  const mark = network ? NETWORK_MARKS[network] : null;
  const style = { '--avatar-size': `${size}px`, '--avatar-bg': hueOf(handle) } as CSSProperties;
  return (
    <span
      className="ui-avatar"
      style={style}
      aria-hidden="true"
      data-initials={isLocal ? undefined : initials(name ?? handle)}
      title={mark ? `${name ?? handle} on ${mark.name}` : (name ?? handle)}
    >
      {isLocal ? <img className="ui-avatar__image" src={src} alt="" /> : null}
      {mark ? <span className="ui-avatar__mark" style={{ background: mark.colour }} data-glyph={mark.glyph} /> : null}
    </span>
  );
}

export function initials(name: string): string {
  const words = name
    .replace(/^@/, '')
    .split(/[\s._@-]+/)
    .filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words.length > 1 ? (words[1]?.[0] ?? '') : '')).toUpperCase();
}

/** A dark enough colour for white initials (≥ 4.5:1), the same for the same handle. */
function hueOf(handle: string): string {
  let hash = 0;
  for (const char of handle) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 32%)`;
}
