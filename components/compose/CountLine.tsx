import { useState } from 'react';
import { countFor } from '@/lib/compose/count';
import { outgoingParts, setVariant, textFor } from '@/lib/compose/post-draft';
import { splitThread } from '@/lib/compose/split-thread';
import type { Account, Post } from '@/lib/model';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';

/**
 * One account's counter, counted the way its network counts (with UTM tags, as it will go
 * out), and the offer to split when it is over. Splitting gives the account its own text.
 */
export function CountLine({ post, account, edit }: { post: Post; account: Account; edit: (change: (post: Post) => Post) => void }) {
  const [isNumbered, setNumbered] = useState(true);
  const parts = outgoingParts(post, account);
  const counts = parts.map((part) => countFor(account.network, part, account.limits));
  const first = counts[0]!;
  const split = () =>
    edit((p) => {
      const [head = '', ...rest] = splitThread(textFor(p, account.id), account.network, { limits: account.limits, numbering: isNumbered });
      return setVariant(p, account.id, { text: head, thread: rest });
    });
  return (
    <li className="count-line" data-testid={`counter-${account.network}`} data-over={first.over}>
      <span className="count-line__who">@{account.handle}</span>{' '}
      <span className={first.over ? 'count-line__value count-line__value--over' : 'count-line__value'}>
        {first.over ? `${first.used - first.limit} over` : `${first.used} / ${first.limit}`}
      </span>
      {first.bytes && first.bytes.used > first.bytes.limit ? <span> ({first.bytes.used - first.bytes.limit} bytes over)</span> : null}
      {first.over ? (
        <span className="count-line__split">
          <label>
            <Checkbox checked={isNumbered} onChange={(event) => setNumbered(event.target.checked)} /> Number the posts
          </label>
          <Button type="button" onClick={split}>
            Split into a thread
          </Button>
        </span>
      ) : null}
      {parts.length > 1 ? (
        <ol className="count-line__thread" aria-label={`Thread for @${account.handle}`}>
          {parts.map((part, index) => (
            <li key={index}>
              <span className="count-line__part">{part}</span>{' '}
              <span className="muted">
                {counts[index]!.used} / {counts[index]!.limit}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </li>
  );
}
