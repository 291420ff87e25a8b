/**
 * Tracking parameters dropped from every URL Cadence stores, so two shares of one article are
 * one clip. Sources: utm_* (Google Analytics), fbclid (Facebook), gclid/dclid/gbraid/wbraid (Google
 * Ads), mc_cid/mc_eid (Mailchimp), igshid (Instagram), msclkid (Microsoft Ads), yclid (Yandex),
 * _hsenc/_hsmi (HubSpot), mkt_tok (Marketo), vero_* (Vero), oly_* (Omeda), si (Spotify/YouTube share),
 * ref_src/ref_url (X embeds), trk/trkCampaign (LinkedIn), share_id (Reddit share sheet).
 */
const TRACKING_EXACT = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'gclsrc',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  'msclkid',
  'yclid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'ref_src',
  'ref_url',
  'twclid',
  'ttclid',
  'li_fat_id',
  'srsltid',
  'si',
  '_ga',
  '_gl',
  'trk',
  'trkcampaign',
  'share_id',
]);
const TRACKING_PREFIXES = ['utm_', 'vero_', 'oly_', 'pk_', 'mtm_', 'hsa_'];

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_EXACT.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** The URL without tracking parameters and fragment; an unparsable URL is returned as given. */
export function stripTracking(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  // forEach, not [...keys()]: in a Firefox content script the iterator keys() returns is not
  // iterable ("t.searchParams.keys() is not iterable", issue 21), and the capture script runs this.
  const names: string[] = [];
  url.searchParams.forEach((_value, name) => names.push(name));
  for (const name of names) if (isTrackingParam(name)) url.searchParams.delete(name);
  url.hash = '';
  return url.toString();
}
