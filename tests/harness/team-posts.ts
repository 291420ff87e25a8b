import type { Post } from '@/lib/model';
import type { TeamDelivery, TeamPost } from '@/lib/team/documents';
import { deliveryKeys } from '@/lib/team/derived-keys';

/** A team post document as an editor first writes it (lib/team/documents.ts). */
export function makeTeamPost(id: string, by: string, at: number, overrides: Partial<TeamPost> = {}): TeamPost {
  return {
    _id: `post:${id}`,
    type: 'post',
    state: 'draft',
    body: { text: `Post ${id}` },
    sharedWith: [],
    review: null,
    comments: [],
    history: [{ by, at, action: 'created' }],
    deliveries: { [`${id}-d1`]: makeTeamDelivery(`${id}-d1`, at) },
    ...overrides,
  };
}

export function makeTeamDelivery(id: string, createdAt: number, overrides: Partial<TeamDelivery> = {}): TeamDelivery {
  return { network: 'bluesky', accountId: 'acct_bsky', dueAt: createdAt, ...deliveryKeys(id, createdAt), lease: null, sent: null, ...overrides };
}

/** A post row (lib/model's Post) as a team post's `body` carries it. */
export function makeTeamBody(id: string, text: string, at: number, overrides: Partial<Post> = {}): Post {
  return {
    v: 1,
    id,
    workspaceId: 'ws_team',
    clipId: null,
    text,
    variants: [],
    media: [],
    link: null,
    lang: 'en',
    campaign: null,
    pillar: null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    replyTo: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
