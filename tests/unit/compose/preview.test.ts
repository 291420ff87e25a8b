import { describe, expect, it } from 'vitest';
import { resolveFacets } from '@/lib/compose/facets';
import { setFirstComment } from '@/lib/compose/post-draft';
import { previewFor, segmentsOf, shownLinkText } from '@/lib/compose/preview';
import { makeAccount, makePost } from '../factories';

const TEXT = 'Hej @ada.test 🌍 read https://example.com/a-long-path/that-goes-on?x=1 #Launch now';

describe('Compose preview (issue 22)', () => {
  it('cuts the text at the facets publishing writes: joined, the segments are the text sent', async () => {
    const { segments, facets } = segmentsOf(TEXT);
    expect(segments.map((s) => s.text).join('')).toBe(TEXT);
    expect(segments.filter((s) => s.kind !== 'text').map((s) => [s.kind, s.text])).toEqual([
      ['mention', '@ada.test'],
      ['link', 'https://example.com/a-long-path/that-goes-on?x=1'],
      ['tag', '#Launch'],
    ]);
    // The adapter's facets (mentions resolved) hold the preview's links and tags at the same bytes.
    const sent = await resolveFacets(TEXT, async () => 'did:plc:ada');
    expect(sent.filter((f) => f.features[0]!.$type !== 'app.bsky.richtext.facet#mention')).toEqual(facets);
  });

  it('shows links as each network does', () => {
    const link = { kind: 'link', text: 'https://www.example.com/a-long-path/that-goes-on', href: 'https://www.example.com/a-long-path/that-goes-on' } as const;
    expect(shownLinkText('bluesky', link)).toBe(link.text);
    expect(shownLinkText('mastodon', link)).toBe('example.com/a-long-path/that-g…');
  });

  it('gives the thread, then the first comment; the card only where the network draws one', () => {
    const bluesky = makeAccount({ workspaceId: 'ws_1' });
    const mastodon = makeAccount({ workspaceId: 'ws_1', network: 'mastodon' });
    const link = { url: 'https://example.com/a', title: 'A', description: 'About A', imageUrl: null };
    let post = makePost({ workspaceId: 'ws_1', text: 'See it', link, variants: [{ accountId: bluesky.id, text: null, thread: ['two'] }] });
    post = setFirstComment(post, bluesky.id, 'the comment');
    const onBluesky = previewFor(post, bluesky);
    expect(onBluesky.parts.map((p) => [p.segments.map((s) => s.text).join(''), p.isComment])).toEqual([
      ['See it', false],
      ['two', false],
      ['the comment', true],
    ]);
    expect(onBluesky.card).toEqual(link);
    expect(previewFor(post, mastodon).card).toBeNull(); // its URL is not in the text
    expect(previewFor({ ...post, text: 'See https://example.com/a' }, mastodon).card).toEqual(link);
    const withImage = { ...post, media: [{ id: 'm1', src: 'https://example.com/i.png', alt: 'x', mime: 'image/png', width: 1, height: 1, bytes: 1 }] };
    expect(previewFor(withImage, bluesky).card).toBeNull(); // images win: one embed per record
  });
});
