import { AtUri, type AtpAgent } from '@atproto/api';
import { ValidationError } from '../../errors';
import type { RemoteRef } from '../types';

/** Strong refs ({ uri, cid }) for replies, likes and reposts; a ref without a cid is looked up. */

export const POST_COLLECTION = 'app.bsky.feed.post';

export function parsePostUri(id: string): { repo: string; collection: string; rkey: string } {
  let uri: AtUri;
  try {
    uri = new AtUri(id);
  } catch {
    throw new ValidationError(`“${id}” is not a Bluesky post address (at://…).`);
  }
  if (!uri.rkey) throw new ValidationError(`“${id}” does not name a Bluesky post.`);
  return { repo: uri.host, collection: uri.collection, rkey: uri.rkey };
}

export async function strongRef(agent: AtpAgent, ref: RemoteRef): Promise<{ uri: string; cid: string }> {
  if (ref.cid) return { uri: ref.id, cid: ref.cid };
  const { repo, collection, rkey } = parsePostUri(ref.id);
  const { data } = await agent.com.atproto.repo.getRecord({ repo, collection, rkey });
  if (!data.cid) throw new ValidationError('Bluesky did not give the version of the post being answered.');
  return { uri: data.uri, cid: data.cid };
}
