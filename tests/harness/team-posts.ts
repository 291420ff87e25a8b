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
