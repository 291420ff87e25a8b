import { describe, expect, it } from 'vitest';
import { checkPlan } from '@/lib/bulk/check-plan';
import { exportPlan } from '@/lib/bulk/export-plan';
import { importPlan } from '@/lib/bulk/import-plan';
import { readPlan } from '@/lib/bulk/read-plan';
import { openStore, validRows } from '@/lib/store';
import { makeAccount, makeWorkspace } from '../factories';

// Pinned: 1 March 2027, noon UTC. Berlin's clocks jump 02:00 → 03:00 on Sunday 28 March 2027.
const NOW = Date.UTC(2027, 2, 1, 12);
const workspace = makeWorkspace({ id: 'ws_1', name: 'Northwind', timeZone: 'Europe/Berlin' });
const bluesky = makeAccount({ id: 'acct_bsky', handle: 'northwind.bsky.social', network: 'bluesky' });
const mastodon = makeAccount({
  id: 'acct_masto',
  handle: 'northwind@mastodon.social',
  network: 'mastodon',
  limits: { maxCharacters: 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 16_000_000 },
});
const accounts = [bluesky, mastodon];
const HEADER = 'Text,Text Mastodon,Accounts,Posting Time,Image URL,Alt Text,Link,Campaign,Pillar';
const check = (csv: string) => checkPlan(readPlan(csv), { workspace, accounts, now: NOW });

describe('bulk posts from CSV', () => {
  it('reads Buffer-style columns, variants, several images with alt texts, and the workspace’s zone', () => {
    const [row] = check(
      `${HEADER}\n"Spring menu, out now","Spring menu — longer words for Mastodon",@northwind.bsky.social northwind@mastodon.social,2027-03-10 09:30,https://img.example/a.jpg | https://img.example/b.png,Cup | Beans,https://northwind.example/spring,Spring,Menu\n`,
    );
    expect(row!.problems).toEqual([]);
    expect(row!.dueAt).toBe(Date.UTC(2027, 2, 10, 8, 30)); // 09:30 CET
    expect(row!.post).toMatchObject({ text: 'Spring menu, out now', campaign: 'Spring', pillar: 'Menu', link: { url: 'https://northwind.example/spring' } });
    expect(row!.post.variants).toEqual([
      { accountId: 'acct_bsky', text: null, thread: [] },
      { accountId: 'acct_masto', text: 'Spring menu — longer words for Mastodon', thread: [] },
    ]);
    expect(row!.post.media.map((m) => [m.src, m.alt, m.mime])).toEqual([
      ['https://img.example/a.jpg', 'Cup', 'image/jpeg'],
      ['https://img.example/b.png', 'Beans', 'image/png'],
    ]);
  });

  it('names each row’s problems: over a limit, unknown account, a time in the DST gap, missing alt text, the past', () => {
    const rows = check(`${HEADER}
${'x'.repeat(301)},,@northwind.bsky.social,2027-03-10 09:30,,,,,
Hello,,@nobody.bsky.social,2027-03-10 09:30,,,,,
Hello,,@northwind.bsky.social,2027-03-28 02:30,,,,,
Hello,,@northwind.bsky.social,2027-03-10 09:30,https://img.example/a.jpg,,,,
Hello,,@northwind.bsky.social,2027-02-10 09:30,,,,,
Hello,,@northwind.bsky.social,10/03/2027 9:30,,,,,
`);
    expect(rows.map((row) => row.problems.join(' '))).toEqual([
      expect.stringMatching(/301 characters, Bluesky allows 300/),
      expect.stringMatching(/Unknown account “@nobody.bsky.social”/),
      expect.stringMatching(/2027-03-28 02:30 does not exist in Europe\/Berlin/),
      expect.stringMatching(/Image 1 has no alt text/),
      expect.stringMatching(/is in the past/),
      expect.stringMatching(/is not a date and time/),
    ]);
  });

  it('refuses a file without a Text column', () => {
    expect(() => readPlan('Message,When\nhi,2027-03-10 09:30\n')).toThrow(/no “Text” column/);
  });

  it('imports all or nothing, and exports posts × accounts that read back', async () => {
    const store = await openStore();
    await store.workspaces.put(workspace);
    for (const account of accounts) await store.accounts.put(account);
    const good = Array.from(
      { length: 20 },
      (_, i) =>
        `Post ${i},,@northwind.bsky.social northwind@mastodon.social,2027-03-${String(10 + (i % 10)).padStart(2, '0')} 09:${String(i).padStart(2, '0')},,,,Spring,`,
    ).join('\n');
    const refused = check(`${HEADER}\n${good}\nBad,,@nobody,2027-03-10 09:30,,,,,\n`);
    await expect(importPlan(store, refused, NOW)).rejects.toThrow(/Nothing was imported: 1 row has problems \(line 22\)/);
    expect(await store.posts.count()).toBe(0);
    expect(await store.deliveries.count()).toBe(0);

    const { posts, deliveries } = await importPlan(store, check(`${HEADER}\n${good}\n`), NOW);
    expect([posts, deliveries.length]).toEqual([20, 40]);
    expect(validRows(await store.deliveries.list()).every((d) => d.state === 'scheduled' && d.dueAt! > NOW)).toBe(true);

    const csv = await exportPlan(store, workspace);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Post ID,Accounts,Network,State,Posting Time,Text,Image URL,Alt Text,Link,Campaign,Pillar,Post URL,Published At,Likes,Reposts,Replies,Quotes,Impressions,Metrics At',
    );
    expect(lines).toHaveLength(41);
    // Both accounts of the first post share its time: either may come first.
    expect(lines[1]).toMatch(/^post_[^,]+,'@northwind[^,]*,(bluesky|mastodon),scheduled,2027-03-10 09:00,Post 0,,,,Spring,/);
    // What it exported reads back as a plan with no problems.
    expect(check(csv).every((row) => row.problems.length === 0)).toBe(true);
  });
});
