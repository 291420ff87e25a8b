import type { Ref } from 'react';
import { countFor } from '@/lib/compose/count';
import { outgoingParts, setVariant, variantOf } from '@/lib/compose/post-draft';
import type { Account, Post } from '@/lib/model';
import { CountLine } from './CountLine';
import { Button } from '../ui/Button';
import { Tabs, tabId, tabPanelId, type TabItem } from '../ui/Tabs';
import { TextArea } from '../ui/TextArea';

interface Props {
  post: Post;
  accounts: Account[];
  tab: string;
  onTab: (tab: string) => void;
  edit: (change: (post: Post) => Post) => void;
  /** The textarea shown now (shared or this account's own), so templates insert at its caret. */
  textRef?: Ref<HTMLTextAreaElement>;
}

const PREFIX = 'compose-text';

/**
 * The shared text and one tab per chosen account, whose text may diverge from it. Each account's
 * tab carries its counter, counted as its network counts the text that will go out (issue 24).
 */
export function VariantEditor({ post, accounts, tab, onTab, edit, textRef }: Props) {
  const account = accounts.find((candidate) => candidate.id === tab);
  const selected = account?.id ?? 'shared';
  const variant = account ? variantOf(post, account.id) : undefined;
  const isOwnText = variant?.text != null;
  const tabs: TabItem[] = [{ id: 'shared', label: 'Shared text' }, ...accounts.map((a) => ({ id: a.id, label: tabLabel(post, a), count: countOf(post, a) }))];
  return (
    <div className="compose__editor">
      <Tabs label="Text for" idPrefix={PREFIX} tabs={tabs} selected={selected} onSelect={onTab} />
      <div role="tabpanel" id={tabPanelId(PREFIX, selected)} aria-labelledby={tabId(PREFIX, selected)} className="compose__tab-panel">
        {account && variant && isOwnText ? (
          <>
            <TextArea
              ref={textRef}
              aria-label={`Text for @${account.handle} only`}
              value={variant.text ?? ''}
              onChange={(event) => edit((p) => setVariant(p, account.id, { text: event.target.value }))}
              rows={6}
            />
            <Button type="button" variant="quiet" isSmall onClick={() => edit((p) => setVariant(p, account.id, { text: null, thread: [] }))}>
              Reset to shared text
            </Button>
          </>
        ) : account ? (
          <div className="compose__follows">
            <p>@{account.handle} posts the shared text.</p>
            <Button type="button" onClick={() => edit((p) => setVariant(p, account.id, { text: p.text }))}>
              Edit for this network only
            </Button>
          </div>
        ) : (
          <TextArea
            ref={textRef}
            aria-label="Shared text"
            placeholder="What do you want to say?"
            value={post.text}
            onChange={(event) => edit((p) => ({ ...p, text: event.target.value }))}
            rows={6}
          />
        )}
      </div>
      <ul className="compose__counters" aria-label="Length per account">
        {accounts.map((chosen) => (
          <CountLine key={chosen.id} post={post} account={chosen} edit={edit} />
        ))}
      </ul>
    </div>
  );
}

function tabLabel(post: Post, account: Account): string {
  return `@${account.handle}${variantOf(post, account.id)?.text != null ? ' ✎' : ''}`;
}

function countOf(post: Post, account: Account): TabItem['count'] {
  const count = countFor(account.network, outgoingParts(post, account)[0] ?? '', account.limits);
  return count.over ? { text: `${count.used - count.limit} over`, isOver: true } : { text: `${count.used}/${count.limit}`, isOver: false };
}
