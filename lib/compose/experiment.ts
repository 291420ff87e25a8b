import { newId, type Post } from '../model';
import type { Store } from '../store';
import { validRows } from '../store';

/**
 * A/B experiments (issue 17): each arm is its own post, sharing `experiment.id` and the question
 * it asks; Insights compares the arms once they are published and measured
 * (lib/analytics/experiments.ts). Invariants:
 * - arms are letters, and a new arm takes the first letter no post of the experiment holds;
 * - a copy of an arm stays in the experiment as a new arm (it says something different, or it
 *   would not be a copy worth making); leaving the experiment is always the user's choice.
 */

export const ARM_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function startExperiment(post: Post, question = ''): Post {
  return { ...post, experiment: { id: newId('exp'), arm: 'A', question } };
}

export function leaveExperiment(post: Post): Post {
  return { ...post, experiment: null };
}

export function setQuestion(post: Post, question: string): Post {
  return post.experiment ? { ...post, experiment: { ...post.experiment, question } } : post;
}

/** The first letter none of `taken` uses (after Z: "A2", "B2"…, which nobody will reach). */
export function nextArm(taken: readonly string[]): string {
  for (let round = 1; ; round++) {
    const suffix = round === 1 ? '' : String(round);
    const free = [...ARM_LETTERS].map((letter) => `${letter}${suffix}`).find((arm) => !taken.includes(arm));
    if (free) return free;
  }
}

/** The experiment for a copy of `post`: the same test and question, as the next free arm. */
export function copiedExperiment(post: Post, taken: readonly string[]): Post['experiment'] {
  return post.experiment ? { ...post.experiment, arm: nextArm([...taken, post.experiment.arm]) } : null;
}

export interface Arm {
  postId: string;
  arm: string;
  text: string;
}

/** Every post of this experiment in the workspace, arm by arm. */
export async function experimentArms(store: Store, workspaceId: string, experimentId: string): Promise<Arm[]> {
  const posts = validRows(
    await store.posts.list({ index: 'by-workspace-updatedAt', query: IDBKeyRange.bound([workspaceId, -Infinity], [workspaceId, Infinity]) }),
  );
  return posts
    .filter((post) => post.experiment?.id === experimentId)
    .map((post) => ({ postId: post.id, arm: post.experiment!.arm, text: post.text }))
    .sort((a, b) => a.arm.localeCompare(b.arm));
}

/** An arm of this post's test that is not queued yet (drafts only, or no delivery): Compose opens it next. */
export async function unqueuedArm(store: Store, post: Post): Promise<Arm | null> {
  if (!post.experiment) return null;
  for (const arm of await experimentArms(store, post.workspaceId, post.experiment.id)) {
    if (arm.postId === post.id) continue;
    const deliveries = validRows(await store.deliveries.list({ index: 'by-post', query: arm.postId }));
    if (deliveries.every((d) => d.state === 'draft' || d.state === 'cancelled')) return arm;
  }
  return null;
}
