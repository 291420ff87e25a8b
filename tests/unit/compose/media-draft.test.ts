import { describe, expect, it } from 'vitest';
import { linkCardFromClip, cardHost } from '@/lib/compose/link-card';
import { addMedia, maxImagesFor, mediaWarnings, removeMedia, setAlt } from '@/lib/compose/media-draft';
import type { Media } from '@/lib/model';
import { makeAccount, makeClip, makePost } from '../factories';

const image = (id: string, alt = ''): Media => ({ id, src: `blob:media_${id}`, alt, mime: 'image/jpeg', width: 10, height: 10, bytes: 100 });

describe('images on a post', () => {
  const bluesky = makeAccount({ network: 'bluesky', handle: 'ada.bsky.social' });
  const threads = makeAccount({
    network: 'threads',
    handle: 'ada',
    publishMode: 'reminder',
    limits: { maxCharacters: 500, charactersPerUrl: null, maxImages: 10, maxImageBytes: 8_000_000 },
  });

  it('warns about each image without alt text on networks that upload it, until alt is written', () => {
    let post = addMedia(addMedia(makePost(), image('a')), image('b', 'A cat'));
    expect(mediaWarnings(post, [bluesky])).toEqual([{ kind: 'alt-missing', mediaId: 'a', index: 0, handles: ['ada.bsky.social'] }]);
    expect(mediaWarnings(post, [threads])).toEqual([]);
    post = setAlt(post, 'a', 'A dog');
    expect(mediaWarnings(post, [bluesky])).toEqual([]);
    expect(removeMedia(post, 'a').media.map((m) => m.id)).toEqual(['b']);
  });

  it('allows the most generous chosen network, and warns for the ones that take fewer', () => {
    expect(maxImagesFor([bluesky, threads])).toBe(10);
    expect(maxImagesFor([])).toBe(4);
    const post = makePost({ media: ['1', '2', '3', '4', '5'].map((id) => image(id, 'x')) });
    expect(mediaWarnings(post, [bluesky, threads])).toEqual([{ kind: 'too-many', handle: 'ada.bsky.social', max: 4, count: 5 }]);
  });
});

describe('link cards', () => {
  it('are built from the clip’s title, excerpt and lead image', () => {
    const clip = makeClip({ url: 'https://www.example.com/a', title: '  A   story ', excerpt: 'What happened.', leadImage: 'https://example.com/lead.jpg' });
    expect(linkCardFromClip(clip)).toEqual({
      url: 'https://www.example.com/a',
      title: 'A story',
      description: 'What happened.',
      imageUrl: 'https://example.com/lead.jpg',
    });
    expect(cardHost('https://www.example.com/a')).toBe('example.com');
  });

  it('fall back to an image clip’s picture, cut long text, and refuse non-web links', () => {
    const clip = makeClip({
      url: 'https://example.com/b',
      excerpt: 'x'.repeat(2000),
      leadImage: null,
      image: { src: 'https://example.com/p.png', alt: '', width: null, height: null },
    });
    const card = linkCardFromClip(clip)!;
    expect(card.imageUrl).toBe('https://example.com/p.png');
    expect(card.description).toHaveLength(1000);
    expect(card.description.endsWith('…')).toBe(true);
    expect(linkCardFromClip(makeClip({ url: 'javascript:alert(1)' }))).toBeNull();
    expect(linkCardFromClip(makeClip({ leadImage: 'data:image/png;base64,AAAA' }))?.imageUrl).toBeNull();
  });
});
