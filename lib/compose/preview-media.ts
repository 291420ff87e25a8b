import type { Media, Network } from '../model';

/**
 * How a network's own app frames a post's images, so the preview crops them as the post will show
 * (issue 22). Each tile is the box one image fills (object-fit: cover: what falls outside is cut).
 *
 * - Bluesky (bsky.app's ImageLayoutGrid and framed single image): one image at its own shape, a
 *   portrait one cut to 3:4 at most; two side by side as squares; three as a square on the left
 *   beside two stacked 2:1 tiles; four as a 2 × 2 grid of 3:2 tiles.
 * - Mastodon (the web app's MediaGallery, 4.3 and later): one image at its own shape; more in a 3:2
 *   frame: two halves (3:4 each), three as a left half beside two quarters (3:2), four as quarters.
 *
 * An image whose size is unknown is taken as square on Bluesky and 3:2 on Mastodon, as the apps do
 * before the file loads.
 */
export interface MediaTile {
  media: Media;
  /** Width over height of the box the image is cut to. */
  aspect: number;
  /** 2: the tile spans both rows (the left one of three). */
  rows: 1 | 2;
}

export interface MediaLayout {
  /** 1 or 2 columns; tiles fill them in order, a `rows: 2` tile first. */
  columns: 1 | 2;
  tiles: MediaTile[];
}

const ratioOf = (media: Media): number | null => (media.width && media.height ? media.width / media.height : null);

export function previewMediaLayout(network: Network, media: Media[]): MediaLayout {
  const shown = media.slice(0, 4);
  const tiles = (aspects: number[], rows: Array<1 | 2> = []): MediaTile[] => shown.map((m, i) => ({ media: m, aspect: aspects[i]!, rows: rows[i] ?? 1 }));
  if (shown.length <= 1) {
    const ratio = shown[0] ? ratioOf(shown[0]) : null;
    const aspect = network === 'mastodon' ? (ratio ?? 3 / 2) : Math.max(ratio ?? 1, 3 / 4);
    return { columns: 1, tiles: tiles([aspect]) };
  }
  if (network === 'mastodon') {
    if (shown.length === 2) return { columns: 2, tiles: tiles([3 / 4, 3 / 4]) };
    if (shown.length === 3) return { columns: 2, tiles: tiles([3 / 4, 3 / 2, 3 / 2], [2]) };
    return { columns: 2, tiles: tiles([3 / 2, 3 / 2, 3 / 2, 3 / 2]) };
  }
  if (shown.length === 2) return { columns: 2, tiles: tiles([1, 1]) };
  if (shown.length === 3) return { columns: 2, tiles: tiles([1, 2, 2], [2]) };
  return { columns: 2, tiles: tiles([3 / 2, 3 / 2, 3 / 2, 3 / 2]) };
}
