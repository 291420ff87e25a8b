import type { ClipKind } from '@/lib/model';

export const KIND_LABEL: Record<ClipKind, string> = {
  article: 'Article',
  selection: 'Quote',
  image: 'Image',
  link: 'Link',
  'social-post': 'Post',
  'feed-item': 'Feed item',
};
