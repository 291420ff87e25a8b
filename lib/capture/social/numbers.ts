/** Reading the numbers social sites print: "1,234", "1.2K", "3,4 k", "2M", "12 replies". */
export function parseCount(raw: string | null | undefined): number | null {
  const match = /(\d[\d,.\s]*)\s*([kmb])?/i.exec(raw?.replace(/\u00a0/g, ' ') ?? '');
  if (!match?.[1]) return null;
  const digits = match[1].trim();
  const suffix = match[2]?.toLowerCase();
  if (!suffix) {
    const whole = Number(digits.replace(/[,.\s]/g, ''));
    return Number.isSafeInteger(whole) ? whole : null;
  }
  // With a suffix the separator is a decimal mark, whether the locale writes it "," or ".".
  const value = Number(digits.replace(/\s/g, '').replace(',', '.'));
  const scale = suffix === 'k' ? 1e3 : suffix === 'm' ? 1e6 : 1e9;
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}

/** Epoch ms from an ISO date, or null. */
export function parseTime(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * Epoch ms from an AT Protocol TID record key: 13 base32-sortable characters whose top 53 bits
 * are microseconds since the epoch (atproto.com/specs/tid). The time is when the post was made.
 */
export function tidTime(rkey: string): number | null {
  if (!/^[234567abcdefghij][234567a-z]{12}$/.test(rkey)) return null;
  let value = 0n;
  for (const char of rkey) value = value * 32n + BigInt(TID_ALPHABET.indexOf(char));
  return Number((value >> 10n) / 1000n);
}

/** Epoch ms from a Mastodon status id: milliseconds shifted left 16 bits (lib/mastodon/snowflake.rb). */
export function mastodonIdTime(id: string): number | null {
  if (!/^\d{15,20}$/.test(id)) return null;
  return Number(BigInt(id) >> 16n);
}

/** Epoch ms from a LinkedIn activity id: its top 41 of 64 bits are milliseconds since the epoch. */
export function linkedinIdTime(id: string): number | null {
  if (!/^\d{18,20}$/.test(id)) return null;
  return Number(BigInt(id) >> 22n);
}

/** Epoch ms from an X status id: Twitter snowflake, (ms − 1288834974657) shifted left 22 bits. */
export function xIdTime(id: string): number | null {
  if (!/^\d{15,20}$/.test(id)) return null;
  return Number((BigInt(id) >> 22n) + 1288834974657n);
}
