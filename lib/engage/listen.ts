import type { Account, Stream, StreamResult } from '../model';
import type { RemotePost, RemoteRef } from '../networks';
import type { EngageDeps } from './deps';

/** One row per stream and post, whichever account or poll found it. */
export const streamResultId = (streamId: string, network: string, postId: string) => `${streamId}:${network}:${postId}`;

/**
 * One search of one stream through one account, from that account's cursor on the stream.
 * Results are written before the cursor moves (a kill in between finds them again, on the
 * same rows); a result already stored keeps what the user did with it.
 */
export async function pollStream({ store, now, adapterFor }: EngageDeps, stream: Stream, account: Account): Promise<StreamResult[]> {
  const page = await adapterFor(account).search({ kind: stream.kind, text: stream.query }, stream.cursors[account.id] ?? null);
  const added: StreamResult[] = [];
  for (const post of page.items) {
    const fresh = toStreamResult(stream, account, post, now());
    const written = await store.streamResults.update(fresh.id, (current) => (current ? undefined : fresh));
    if (written) added.push(written);
  }
  await store.streams.update(
    stream.id,
    (current) =>
      current && {
        ...current,
        cursors: page.cursor === null ? current.cursors : { ...current.cursors, [account.id]: page.cursor },
        lastPolledAt: now(),
      },
  );
  return added;
}

function toStreamResult(stream: Stream, account: Account, post: RemotePost, foundAt: number): StreamResult {
  const ref: RemoteRef = post.ref;
  return {
    v: 1,
    id: streamResultId(stream.id, account.network, ref.id),
    streamId: stream.id,
    workspaceId: stream.workspaceId,
    accountId: account.id,
    network: account.network,
    ref,
    root: post.root,
    author: { handle: post.author.handle, displayName: post.author.displayName, avatarUrl: post.author.avatarUrl, remoteId: post.author.remoteId },
    text: post.text,
    createdAt: post.createdAt,
    foundAt,
    likedAt: null,
    repliedAt: null,
    clipId: null,
    visibility: post.visibility,
    replyMentions: post.replyMentions,
  };
}
