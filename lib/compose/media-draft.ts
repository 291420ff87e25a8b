import type { Account, Media, Post } from '../model';
import { imageLimitsFor } from './media-limits';

/**
 * A post's images as plain data in and out. The post may hold as many images as the most
 * generous chosen network allows; networks that take fewer get a warning, never silent loss.
 */

export function addMedia(post: Post, media: Media): Post {
  return { ...post, media: [...post.media, media] };
}

export function removeMedia(post: Post, mediaId: string): Post {
  return { ...post, media: post.media.filter((item) => item.id !== mediaId) };
}

export function setAlt(post: Post, mediaId: string, alt: string): Post {
  return { ...post, media: post.media.map((item) => (item.id === mediaId ? { ...item, alt } : item)) };
}

/** How many images the chosen accounts can take together (4 when none is chosen yet). */
export function maxImagesFor(accounts: readonly Account[]): number {
  if (accounts.length === 0) return 4;
  return Math.max(...accounts.map((account) => imageLimitsFor(account).maxImages));
}

export type MediaWarning =
  { kind: 'alt-missing'; mediaId: string; index: number; handles: string[] } | { kind: 'too-many'; handle: string; max: number; count: number };

/** What stands between this post and publishing it, as far as images go. */
export function mediaWarnings(post: Post, accounts: readonly Account[]): MediaWarning[] {
  const warnings: MediaWarning[] = [];
  const needAlt = accounts.filter((account) => account.publishMode === 'api' && imageLimitsFor(account).isAltRequired);
  post.media.forEach((item, index) => {
    if (needAlt.length > 0 && item.alt.trim() === '') warnings.push({ kind: 'alt-missing', mediaId: item.id, index, handles: needAlt.map((a) => a.handle) });
  });
  for (const account of accounts) {
    const max = imageLimitsFor(account).maxImages;
    if (post.media.length > max) warnings.push({ kind: 'too-many', handle: account.handle, max, count: post.media.length });
  }
  return warnings;
}
