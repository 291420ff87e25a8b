import { z } from 'zod';
import { AppError } from '../errors';
import { casPost, type TeamDocs } from './lease';
import type { TeamPost } from './documents';

/**
 * What a member does to a post of a shared workspace on the team server (issue 23): propose it,
 * approve it or send it back with a comment, schedule it, comment on it. Each is a compare-and-swap
 * on the post's document (read, change, PUT with that `_rev`, again on 409) with a history entry
 * in the member's name (and `share-with`, which names a client in `sharedWith`). The server's validate_doc_update decides whether the member may: this
 * only refuses what cannot make sense (a move from the wrong state), so the member reads why.
 */
export const teamActionSchema = z.enum(['propose', 'approve', 'request-changes', 'schedule', 'unschedule', 'back-to-draft', 'comment', 'share-with']);
export type TeamAction = z.infer<typeof teamActionSchema>;

const MOVES: Record<Exclude<TeamAction, 'comment' | 'share-with'>, { from: TeamPost['state'][]; to: TeamPost['state']; done: string }> = {
  propose: { from: ['draft'], to: 'in_review', done: 'proposed for review' },
  approve: { from: ['in_review'], to: 'approved', done: 'approved' },
  'request-changes': { from: ['in_review'], to: 'draft', done: 'requested changes' },
  schedule: { from: ['approved', 'draft', 'in_review'], to: 'scheduled', done: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'approved', done: 'took off the schedule' },
  'back-to-draft': { from: ['in_review', 'approved'], to: 'draft', done: 'moved back to draft' },
};

export interface ReviewDeps {
  docs: TeamDocs;
  user: string;
  now: () => number;
  requiresApproval: boolean;
}

const refuse = (message: string) => new AppError('team', message);

/** Applies `action` to the post on the server; the post as written. */
export async function actOnPost(deps: ReviewDeps, postId: string, action: TeamAction, comment: string): Promise<TeamPost> {
  const { docs, user, now, requiresApproval } = deps;
  const text = comment.trim();
  return casPost<TeamPost>(docs, postId, (post, damaged) => {
    if (damaged || !post)
      throw refuse(
        damaged ? 'This post’s document on the team server is damaged; ask the workspace owner.' : 'This post is not on the team server yet: sync first.',
      );
    const at = now();
    if (action === 'comment') {
      if (!text) throw refuse('Write a comment first.');
      const written = { ...post, comments: [...post.comments, { by: user, at, text }] };
      return { write: written, result: written };
    }
    if (action === 'share-with') {
      // `comment` names the client: a client sees and reviews only the posts shared with them (validate-doc-update.ts).
      if (!text) throw refuse('Name the client’s user to share this post with.');
      if (post.state !== 'draft') throw refuse('A post is shared with a client while it is a draft.');
      if (post.sharedWith.includes(text)) return { result: post };
      const written = { ...post, sharedWith: [...post.sharedWith, text], history: [...post.history, { by: user, at, action: `shared with ${text}` }] };
      return { write: written, result: written };
    }
    const move = MOVES[action];
    if (!move.from.includes(post.state)) throw refuse(`This post is ${words(post.state)} now, so it cannot be ${move.done}.`);
    if (action === 'schedule' && requiresApproval && post.state !== 'approved')
      throw refuse('This workspace requires approval: an approver approves the post before it is scheduled.');
    if (action === 'request-changes' && !text) throw refuse('Say what to change: requesting changes needs a comment.');
    if (action === 'schedule' && Object.values(post.deliveries).some((d) => d.dueAt === 0))
      throw refuse('Give every account of this post a time before scheduling it.');
    const isReview = action === 'approve' || action === 'request-changes';
    const written: TeamPost = {
      ...post,
      state: move.to,
      review: isReview ? { by: user, at, verdict: action === 'approve' ? 'approved' : 'changes_requested', comment: text } : post.review,
      comments: text && !isReview ? [...post.comments, { by: user, at, text }] : post.comments,
      history: [...post.history, { by: user, at, action: move.done }],
    };
    return { write: written, result: written };
  });
}

export function words(state: TeamPost['state']): string {
  return { draft: 'a draft', in_review: 'in review', approved: 'approved', scheduled: 'scheduled' }[state];
}
