import { describe, expect, it } from 'vitest';
import { postsCsv } from '@/lib/analytics/export-csv';
import { makeAccount } from '../factories';
import { measured } from './helpers';

describe('posts CSV', () => {
  it('writes one row per post with its newest counts, times in the workspace zone, and defused text', () => {
    const account = makeAccount({ id: 'acct_1', handle: 'acme.test' });
    const item = measured(Date.UTC(2024, 6, 1, 12), 7, { post: { text: '=1+1, "quoted"', campaign: 'Summer' } });
    const unread = measured(Date.UTC(2024, 6, 2, 12), 0, { unread: true });
    const [header, first, second] = postsCsv([item, unread], [account], 'America/New_York').split('\r\n');
    expect(header).toBe('published (America/New_York),network,account,text,url,campaign,pillar,utm campaign,experiment arm,likes,engagement,counts read at');
    expect(first).toBe(`2024-07-01 08:00,bluesky,acme.test,"'=1+1, ""quoted""",https://bsky.app/x,Summer,,,,7,7,2024-07-01 08:00`);
    expect(second).toBe('2024-07-02 08:00,bluesky,acme.test,Hello,https://bsky.app/x,,,,,,,');
  });
});
