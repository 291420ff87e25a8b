/**
 * How long the queue-time check (lib/schedule/queue-check.ts) takes on a hard post: a 300-grapheme
 * text with emoji, a link and a 6-part thread, four accounts, four images. It runs once per click
 * on Add to queue / Schedule at… / Share now, never per keystroke; this shows it would not be
 * noticed even if it did. Run: `npx jiti bench/queue-check.ts` (prints JSON).
 */
import { checkForQueue } from '../lib/schedule/queue-check';
import type { Account, Post } from '../lib/model';

const limits = { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 };
const account = (id: string, network: Account['network'], publishMode: Account['publishMode']) =>
  ({ id, network, publishMode, handle: `${id}.example`, limits }) as unknown as Account;
const accounts = [account('a', 'bluesky', 'api'), account('b', 'mastodon', 'api'), account('c', 'x', 'reminder'), account('d', 'threads', 'reminder')];
const text = `Launch day 🚀🎉 read more at https://example.com/launch?utm_source=x ${'word '.repeat(48)}`.slice(0, 300);
const post = {
  text,
  utm: { enabled: true, medium: '', campaign: 'spring' },
  variants: accounts.map((a) => ({ accountId: a.id, text, thread: Array.from({ length: 5 }, () => text) })),
  media: Array.from({ length: 4 }, (_, i) => ({ id: `m${i}`, src: 'x', alt: 'alt', mime: 'image/png', width: 1, height: 1, bytes: 1 })),
} as unknown as Post;

for (let i = 0; i < 200; i++) checkForQueue(post, accounts); // warm up the JIT
const samples: number[] = [];
for (let i = 0; i < 500; i++) {
  const start = performance.now();
  checkForQueue(post, accounts);
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
const at = (q: number) => Number(samples[Math.floor(q * (samples.length - 1))]!.toFixed(3));
console.log(JSON.stringify({ figure: 'compose.queueCheck.4accounts.6parts', unit: 'ms per check', median: at(0.5), p95: at(0.95), n: samples.length }));
