import { XRPCError, type AtpAgent } from '@atproto/api';
import { ValidationError } from '../../errors';
import { POST_COLLECTION } from './refs';
import { POSTGATE_COLLECTION } from './gates';

/**
 * The post a post quotes (issue 22), from its bsky.app address or at:// URI, as a strong ref for
 * `app.bsky.embed.record`. Invariant (the rule of replies, issue 18): a quote never reaches
 * further than its author allows. A post whose postgate disables embedding is refused, with
 * words the user can act on, before anything is written; so is a post that is gone.
 */
const WEB_POST = /^https:\/\/bsky\.app\/profile\/([^/]+)\/post\/([^/?#]+)/;

export function parseQuoteAddress(address: string): { actor: string; rkey: string } {
  const trimmed = address.trim();
  const web = WEB_POST.exec(trimmed);
  if (web) return { actor: decodeURIComponent(web[1]!), rkey: web[2]! };
  const at = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(trimmed);
  if (at) return { actor: at[1]!, rkey: at[2]! };
  throw new ValidationError(`“${trimmed}” is not the address of a Bluesky post (https://bsky.app/profile/…/post/… or at://…). Pick the post to quote again.`);
}

async function didOf(agent: AtpAgent, actor: string): Promise<string> {
  if (actor.startsWith('did:')) return actor;
  try {
    return (await agent.com.atproto.identity.resolveHandle({ handle: actor })).data.did;
  } catch (error) {
    if (error instanceof XRPCError && error.status === 400)
      throw new ValidationError(`@${actor}, whose post this quotes, is not on Bluesky any more. Remove the quote or pick another post.`);
    throw error;
  }
}

async function getRecord(agent: AtpAgent, repo: string, collection: string, rkey: string) {
  try {
    return (await agent.com.atproto.repo.getRecord({ repo, collection, rkey })).data;
  } catch (error) {
    if (error instanceof XRPCError && (error.status === 400 || error.status === 404)) return null;
    throw error;
  }
}

/** Whether a postgate record disables quoting (lexicon app.bsky.feed.postgate#disableRule). */
export function disablesQuotes(postgate: unknown): boolean {
  const rules = (postgate as { embeddingRules?: { $type?: string }[] } | null)?.embeddingRules ?? [];
  return rules.some((rule) => rule.$type === 'app.bsky.feed.postgate#disableRule');
}

export async function quoteRef(agent: AtpAgent, address: string): Promise<{ uri: string; cid: string }> {
  const { actor, rkey } = parseQuoteAddress(address);
  const repo = await didOf(agent, actor);
  const post = await getRecord(agent, repo, POST_COLLECTION, rkey);
  if (!post?.cid) throw new ValidationError('The post this quotes was deleted. Remove the quote or pick another post.');
  const gate = await getRecord(agent, repo, POSTGATE_COLLECTION, rkey);
  if (gate && disablesQuotes(gate.value)) {
    throw new ValidationError(
      'The author of the post this quotes does not allow quotes of it. Remove the quote (or link to the post instead) and schedule it again.',
    );
  }
  return { uri: post.uri, cid: post.cid };
}
