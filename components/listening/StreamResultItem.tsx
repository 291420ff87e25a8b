import { useState } from 'react';
import type { Account, StreamResult } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useStreamWrites } from '../data/listening';
import { useServices } from '../data/store-context';
import { ReplyBox } from '../inbox/ReplyBox';
import { safeHref } from '../queue/safe-href';
import { Avatar } from '../ui/Avatar';
import { Button } from '../ui/Button';

/** One post a stream found: reply, clip to the queue and like are one click each. Text rendered as text. */
export function StreamResultItem({ result, account }: { result: StreamResult; account: Account | undefined }) {
  const { request } = useServices();
  const { markClipped } = useStreamWrites();
  const [isReplying, setReplying] = useState(false);
  const [status, setStatus] = useState('');
  const run = async (done: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setStatus(done);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const clip = () =>
    run('Clipped to the queue.', async () => {
      const network = result.network === 'bluesky' || result.network === 'mastodon' ? result.network : 'bluesky';
      const { clipId } = await request('capture.submit', {
        kind: 'social-post',
        url: result.ref.url,
        sourceUrl: result.ref.url,
        title: `@${result.author.handle}: ${result.text.slice(0, 80)}`,
        excerpt: result.text.slice(0, 200),
        byline: result.author.displayName || result.author.handle,
        siteName: network === 'bluesky' ? 'Bluesky' : 'Mastodon',
        publishedTime: new Date(result.createdAt).toISOString(),
        lang: null,
        text: result.text,
        html: '',
        leadImage: null,
        readingMinutes: 1,
        quote: null,
        image: null,
        post: {
          network,
          authorName: result.author.displayName,
          authorHandle: result.author.handle,
          postUrl: result.ref.url,
          text: result.text,
          media: [],
          postedAt: result.createdAt,
          counts: {},
        },
        credits: [{ network, handle: result.author.handle, url: result.ref.url }],
        warnings: [],
      });
      await markClipped(result.id, clipId);
    });
  return (
    <li className="stream-result" data-testid="stream-result">
      <div className="stream-result__head">
        <Avatar name={result.author.displayName || null} handle={result.author.handle} network={result.network} size={32} />
        <span>
          <strong>{result.author.displayName || result.author.handle}</strong>{' '}
          <span className="muted">
            @{result.author.handle} · {new Date(result.createdAt).toLocaleString()}
          </span>
        </span>
      </div>
      <p className="conversation__text">{result.text}</p>
      <div className="conversation__actions" role="group" aria-label="Actions">
        <Button type="button" data-list-item disabled={!account} aria-expanded={isReplying} onClick={() => setReplying((open) => !open)}>
          {result.repliedAt ? 'Replied · reply again' : 'Reply'}
        </Button>
        <Button type="button" disabled={result.clipId !== null} onClick={() => void clip()}>
          {result.clipId ? 'Clipped' : 'Clip to queue'}
        </Button>
        <Button
          type="button"
          disabled={!account || result.likedAt !== null}
          onClick={() =>
            void run('Liked.', () =>
              request('engage.react', { accountId: result.accountId, ref: result.ref, how: 'like', inboxItemId: null, streamResultId: result.id }),
            )
          }
        >
          {result.likedAt ? 'Liked' : 'Like'}
        </Button>
        <a href={safeHref(result.ref.url)} target="_blank" rel="noreferrer">
          Open
        </a>
      </div>
      {isReplying && account ? (
        <ReplyBox
          account={account}
          author={result.author}
          parent={result}
          onSend={async (text) => {
            await request('inbox.reply', {
              accountId: account.id,
              text,
              replyTo: { parent: result.ref, root: result.root ?? result.ref },
              inboxItemId: null,
              streamResultId: result.id,
            });
            setReplying(false);
          }}
        />
      ) : null}
      <p role="status" className="muted">
        {status}
      </p>
    </li>
  );
}
