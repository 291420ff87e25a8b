import { RichText } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { createAccount, pollUntil } from './support';

describe('the local AT Protocol network', () => {
  it('delivers a mention to the mentioned account through listNotifications', async () => {
    const brand = await createAccount('brand');
    const fan = await createAccount('fan');
    const text = new RichText({ text: `Loving the new release, @${brand.session!.handle}!` });
    await text.detectFacets(fan);
    expect(text.facets?.[0]?.features[0]).toMatchObject({ did: brand.session!.did });
    const post = await fan.post({ text: text.text, facets: text.facets });

    // Plain polling, as the extension will do: no barrier.
    const mention = await pollUntil(async () => (await brand.app.bsky.notification.listNotifications()).data.notifications.find((n) => n.uri === post.uri));
    expect(mention.reason).toBe('mention');
    expect(mention.author.did).toBe(fan.session!.did);
    expect(mention.isRead).toBe(false);
  });
});
