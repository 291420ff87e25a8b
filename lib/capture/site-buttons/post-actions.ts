import type { MessageInput, MessageOutput } from '../../messaging/protocol';
import type { PostAction } from './post-buttons';
import { capturePost } from './post-capture';
import type { SitePosts } from './sites';

/** The two messages a site script may send (PROTOCOL: content scripts submit and share, never read). */
export type ContentSend = <K extends 'capture.submit' | 'capture.shareNext'>(type: K, payload: MessageInput<K>) => Promise<MessageOutput<K>>;

/** What a button press does: read the post now (feeds recycle elements), send it, say what happened. */
export function createPostActions({ site, doc, send }: { site: SitePosts; doc: Document; send: ContentSend }) {
  return async (action: PostAction, post: Element): Promise<string> => {
    const capture = capturePost(post, site, doc);
    if (action === 'share-next') return (await send('capture.shareNext', capture)).message;
    const { merged } = await send('capture.submit', capture);
    return merged ? 'Already in your clips: updated.' : 'Clipped to Cadence.';
  };
}
