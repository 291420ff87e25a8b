import type { MessageInput, MessageOutput } from '../../messaging/protocol';
import type { ActResult, PostAction } from './post-buttons';
import { capturePost } from './post-capture';
import type { SitePosts } from './sites';

/** The messages a site script may send (PROTOCOL: content scripts submit, share and take back their own share, never read). */
export type ContentSend = <K extends 'capture.submit' | 'capture.shareNext' | 'capture.undoShareNext'>(
  type: K,
  payload: MessageInput<K>,
) => Promise<MessageOutput<K>>;

/** What a button press does: read the post now (feeds recycle elements), send it, say what happened. */
export function createPostActions({ site, doc, send }: { site: SitePosts; doc: Document; send: ContentSend }) {
  return async (action: PostAction, post: Element): Promise<ActResult> => {
    const capture = capturePost(post, site, doc);
    if (action === 'share-next') {
      const { message, postId, queued } = await send('capture.shareNext', capture);
      if (!postId || queued.length === 0) return message;
      return { message, undo: async () => (await send('capture.undoShareNext', { postId })).message };
    }
    const { merged } = await send('capture.submit', capture);
    return merged ? 'Already in your clips: updated.' : 'Clipped to Cadence.';
  };
}
