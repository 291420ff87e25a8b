import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { STANDARD_LABELS, type Account, type InboxItem } from '@/lib/model';
import type { remotePostSchema } from '@/lib/messaging/protocols/inbox';
import { errorText } from '../common/error-text';
import { useInboxItemUpdate } from '../data/inbox';
import { useServices } from '../data/store-context';
import { safeHref } from '../queue/safe-href';
import { ReplyBox } from './ReplyBox';
import { Button } from '../ui/Button';
import { useToast } from '../ui/Toast';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

type RemotePost = z.infer<typeof remotePostSchema>;
const HOUR = 3_600_000;

/** The open item: its conversation from the network, the reply box, and customer-care actions. */
export function Conversation({ item, account }: { item: InboxItem; account: Account | undefined }) {
  const { request } = useServices();
  const update = useInboxItemUpdate(item.id);
  const [thread, setThread] = useState<RemotePost[] | null>(null);
  const [status, setStatus] = useState('');
  const [label, setLabel] = useState('');

  useEffect(() => {
    setThread(null);
    if (!account || !item.ref) return;
    let alive = true;
    request('inbox.thread', { accountId: account.id, ref: item.ref }).then(
      ({ posts }) => alive && setThread(posts),
      (error: unknown) => alive && setStatus(`The conversation could not be loaded: ${errorText(error)}`),
    );
    return () => {
      alive = false;
    };
  }, [request, account, item.ref]);

  const toast = useToast();
  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      setStatus(what);
      toast({ text: what });
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  const react = (how: 'like' | 'repost') =>
    act(how === 'like' ? 'Liked.' : 'Reposted.', () =>
      request('engage.react', { accountId: item.accountId, ref: item.ref!, how, inboxItemId: item.id, streamResultId: null }),
    );
  /** Done and Snooze say so in a toast whose Undo puts the item back as it was (issue 24). */
  const moveTo = async (change: (current: InboxItem) => InboxItem, what: string) => {
    const before = { state: item.state, isRead: item.isRead, snoozedUntil: item.snoozedUntil };
    await update(change);
    toast({
      text: what,
      undo: async () => {
        await update((current) => ({ ...current, ...before }));
        return `Undone: the item from @${item.author.handle} is back in the inbox.`;
      },
    });
  };
  const addLabel = (value: string) => {
    const next = value.trim().toLowerCase();
    if (next) void update((current) => ({ ...current, labels: [...new Set([...current.labels, next])] }));
    setLabel('');
  };

  return (
    <section className="conversation" aria-label={`Conversation with @${item.author.handle}`}>
      {item.subject ? (
        <p className="muted">
          Answers your post{' '}
          <a href={safeHref(item.subject.url)} target="_blank" rel="noreferrer">
            {item.subject.url}
          </a>
        </p>
      ) : null}
      <ol className="conversation__thread" aria-label="Posts in this conversation">
        {(thread ?? []).map((post) => (
          <li key={post.ref.id} className={post.ref.id === item.ref?.id ? 'conversation__post conversation__post--this' : 'conversation__post'}>
            <strong>{post.author.displayName || post.author.handle}</strong> <span className="muted">@{post.author.handle}</span>
            <p className="conversation__text">{post.text}</p>
          </li>
        ))}
        {thread === null ? (
          <li className="conversation__post conversation__post--this">
            <strong>{item.author.displayName || item.author.handle}</strong> <span className="muted">@{item.author.handle}</span>
            <p className="conversation__text">{item.text}</p>
          </li>
        ) : null}
      </ol>
      <div className="conversation__actions" role="group" aria-label="Actions">
        <Button type="button" disabled={!item.ref || !account} onClick={() => void react('like')} aria-pressed={item.likedAt !== null}>
          {item.likedAt ? 'Liked' : 'Like'}
        </Button>
        <Button type="button" disabled={!item.ref || !account} onClick={() => void react('repost')} aria-pressed={item.repostedAt !== null}>
          {item.repostedAt ? 'Reposted' : 'Repost'}
        </Button>
        <a href={safeHref(item.url)} target="_blank" rel="noreferrer">
          Open on {item.network}
        </a>
        <Button type="button" onClick={() => void act('Marked unread.', () => request('inbox.markRead', { ids: [item.id], isRead: false }))}>
          Mark unread
        </Button>
        {item.state === 'done' ? (
          <Button type="button" onClick={() => void update((current) => ({ ...current, state: 'open', snoozedUntil: null }))}>
            Reopen
          </Button>
        ) : (
          <Button
            type="button"
            data-testid="mark-done"
            onClick={() => void moveTo((current) => ({ ...current, state: 'done', isRead: true, snoozedUntil: null }), `Done: @${item.author.handle}’s item.`)}
          >
            Done
          </Button>
        )}
        <Select
          aria-label="Snooze"
          value=""
          onChange={(event) => {
            const hours = Number(event.target.value);
            if (hours)
              void moveTo(
                (current) => ({ ...current, state: 'snoozed', snoozedUntil: Date.now() + hours * HOUR }),
                `Snoozed: ${event.target.selectedOptions[0]?.textContent?.toLowerCase() ?? `${hours} hours`}.`,
              );
          }}
        >
          <option value="">Snooze…</option>
          <option value="1">1 hour</option>
          <option value="4">4 hours</option>
          <option value="24">Tomorrow</option>
          <option value="168">Next week</option>
        </Select>
      </div>
      <div className="conversation__labels" role="group" aria-label="Labels">
        {item.labels.map((name) => (
          <Button
            key={name}
            type="button"
            className="label-chip"
            aria-label={`Remove label ${name}`}
            onClick={() => void update((current) => ({ ...current, labels: current.labels.filter((l) => l !== name) }))}
          >
            {name} ×
          </Button>
        ))}
        {STANDARD_LABELS.filter((name) => !item.labels.includes(name)).map((name) => (
          <Button key={name} type="button" className="label-chip label-chip--add" onClick={() => addLabel(name)}>
            + {name}
          </Button>
        ))}
        <TextField
          aria-label="Custom label"
          placeholder="Custom label, Enter to add"
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              addLabel(label);
            }
          }}
        />
      </div>
      {account && item.ref ? (
        account.status === 'connected' ? (
          <ReplyBox
            key={item.id}
            account={account}
            author={item.author}
            parent={item}
            onSend={async (text) => {
              await request('inbox.reply', {
                accountId: account.id,
                text,
                replyTo: { parent: item.ref!, root: item.root ?? item.ref! },
                inboxItemId: item.id,
                streamResultId: null,
              });
            }}
          />
        ) : (
          <p role="alert">@{account.handle} is disconnected. Reconnect it in Settings → Accounts to reply.</p>
        )
      ) : null}
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  );
}
