import { describe, expect, it } from 'vitest';
import { previewMediaLayout } from '@/lib/compose/preview-media';
import type { Media } from '@/lib/model';

const image = (width: number | null, height: number | null, n = 0): Media => ({
  id: `media_${n}_${width}x${height}`,
  src: `https://example.com/${n}.png`,
  alt: `image ${n}`,
  mime: 'image/png',
  width,
  height,
  bytes: null,
});
const shape = (network: 'bluesky' | 'mastodon', media: Media[]) => {
  const layout = previewMediaLayout(network, media);
  return [layout.columns, layout.tiles.map((t) => [Number(t.aspect.toFixed(3)), t.rows])];
};

describe('the preview cuts images as each network frames them (issue 22)', () => {
  it('one image: at its own shape; a tall one cut to 3:4 on Bluesky, whole on Mastodon', () => {
    expect(shape('bluesky', [image(400, 300)])).toEqual([1, [[1.333, 1]]]);
    expect(shape('bluesky', [image(300, 900)])).toEqual([1, [[0.75, 1]]]);
    expect(shape('mastodon', [image(300, 900)])).toEqual([1, [[0.333, 1]]]);
    expect(shape('bluesky', [image(null, null)])).toEqual([1, [[1, 1]]]);
    expect(shape('mastodon', [image(null, null)])).toEqual([1, [[1.5, 1]]]);
  });

  it('two, three and four images: the grids of bsky.app and Mastodon, whatever the images’ own shapes', () => {
    const four = [image(400, 300, 1), image(300, 900, 2), image(1000, 100, 3), image(50, 50, 4)];
    expect(shape('bluesky', four.slice(0, 2))).toEqual([
      2,
      [
        [1, 1],
        [1, 1],
      ],
    ]);
    expect(shape('bluesky', four.slice(0, 3))).toEqual([
      2,
      [
        [1, 2],
        [2, 1],
        [2, 1],
      ],
    ]);
    expect(shape('bluesky', four)).toEqual([2, four.map(() => [1.5, 1])]);
    expect(shape('mastodon', four.slice(0, 2))).toEqual([
      2,
      [
        [0.75, 1],
        [0.75, 1],
      ],
    ]);
    expect(shape('mastodon', four.slice(0, 3))).toEqual([
      2,
      [
        [0.75, 2],
        [1.5, 1],
        [1.5, 1],
      ],
    ]);
    expect(shape('mastodon', four)).toEqual([2, four.map(() => [1.5, 1])]);
  });

  it('shows at most four, in order', () => {
    const five = [1, 2, 3, 4, 5].map((n) => image(100, 100, n));
    expect(previewMediaLayout('mastodon', five).tiles.map((t) => t.media.id)).toEqual(five.slice(0, 4).map((m) => m.id));
  });
});
