/**
 * AT Protocol record keys (TIDs): 64 bits — a zero bit, 53 bits of microseconds since the epoch,
 * 10 bits of clock id — written in base32-sortable as 13 characters. Bluesky posts are created
 * with a TID chosen *before* the first attempt and stored on the delivery, so a retry writes the
 * same key and can never make a second post (docs/architecture.md, decision 5).
 */
const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

function encode(value: bigint): string {
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

function decode(tid: string): bigint {
  let value = 0n;
  for (const char of tid) value = (value << 5n) | BigInt(ALPHABET.indexOf(char));
  return value;
}

export function isTid(value: string): boolean {
  return TID_PATTERN.test(value);
}

/** A fresh TID for `nowMs`, with a random clock id (two devices choosing at once still differ). */
export function newTid(nowMs: number, random: () => number = Math.random): string {
  return tidAt(nowMs, Math.floor(random() * 1000), Math.floor(random() * 1024));
}

/** The TID of `micros` (0–999) microseconds past `nowMs`, with clock id `clockId` (0–1023). */
export function tidAt(nowMs: number, micros: number, clockId: number): string {
  return encode(((BigInt(Math.floor(nowMs)) * 1000n + BigInt(micros)) << 10n) | BigInt(clockId));
}

/**
 * The record key of part `index` of a thread whose first post has `rkey`: the same clock id,
 * `index` microseconds later. Deterministic, so a resumed thread writes the same keys again.
 */
export function threadRkey(rkey: string, index: number): string {
  if (!isTid(rkey)) throw new Error(`not a TID: ${rkey}`);
  if (index === 0) return rkey;
  return encode(decode(rkey) + (BigInt(index) << 10n));
}
