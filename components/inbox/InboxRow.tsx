import type { Account, InboxItem } from '@/lib/model';
import { Button } from '../ui/Button';
import { Avatar } from '../ui/Avatar';

const KIND_WORD: Record<InboxItem['kind'], string> = { mention: 'mentioned', reply: 'replied', quote: 'quoted', direct: 'wrote privately' };

/** One item of the list. Network text is rendered as text (React escapes it), never as HTML. */
export function InboxRow({ item, account, isSelected, onOpen }: { item: InboxItem; account: Account | undefined; isSelected: boolean; onOpen: () => void }) {
  const isUnread = !item.isRead;
  return (
    <li>
      <Button
        type="button"
        data-list-item
        data-testid="inbox-item"
        aria-current={isSelected ? 'true' : undefined}
        className={`inbox-row${isUnread ? ' inbox-row--unread' : ''}${isSelected ? ' inbox-row--selected' : ''}`}
        onClick={onOpen}
      >
        <Avatar name={item.author.displayName || null} handle={item.author.handle} network={item.network} size={32} />
        <span className="inbox-row__who">
          {item.author.displayName || item.author.handle} <span className="muted">@{item.author.handle}</span> {KIND_WORD[item.kind]}
          {isUnread ? <span className="visually-hidden"> (unread)</span> : null}
        </span>
        <span className="inbox-row__text">{item.text}</span>
        <span className="inbox-row__meta muted">
          to @{account?.handle ?? 'a removed account'} · {new Date(item.createdAt).toLocaleString()}
          {item.state !== 'open' ? ` · ${item.state}` : ''}
          {item.labels.length ? ` · ${item.labels.join(', ')}` : ''}
        </span>
      </Button>
    </li>
  );
}
