import type { Ref } from 'react';
import { setVariant, variantOf } from '@/lib/compose/post-draft';
import type { Account, Post } from '@/lib/model';
import { CountLine } from './CountLine';
import { Button } from '../ui/Button';
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

/** The shared text and one tab per chosen account, whose text may diverge from it. */
export function VariantEditor({ post, accounts, tab, onTab, edit, textRef }: Props) {
  const account = accounts.find((candidate) => candidate.id === tab);
  const variant = account ? variantOf(post, account.id) : undefined;
  const isOwnText = variant?.text != null;
  return (
    <div className="compose__editor">
      <div role="tablist" aria-label="Text for" className="compose__tabs">
        {[{ id: 'shared', label: 'Shared text' }, ...accounts.map((a) => ({ id: a.id, label: `@${a.handle}` }))].map(({ id, label }) => (
          <Button key={id} role="tab" type="button" aria-selected={(account?.id ?? 'shared') === id} onClick={() => onTab(id)}>
            {label}
            {id !== 'shared' && variantOf(post, id)?.text != null ? ' ✎' : ''}
          </Button>
        ))}
      </div>
      {account && variant && isOwnText ? (
        <>
          <TextArea
            ref={textRef}
            aria-label={`Text for @${account.handle} only`}
            value={variant.text ?? ''}
            onChange={(event) => edit((p) => setVariant(p, account.id, { text: event.target.value }))}
            rows={6}
          />
          <Button type="button" onClick={() => edit((p) => setVariant(p, account.id, { text: null, thread: [] }))}>
            Reset to shared text
          </Button>
        </>
      ) : account ? (
        <>
          <p className="compose__follows">@{account.handle} posts the shared text.</p>
          <Button type="button" onClick={() => edit((p) => setVariant(p, account.id, { text: p.text }))}>
            Edit for this network only
          </Button>
        </>
      ) : (
        <TextArea ref={textRef} aria-label="Shared text" value={post.text} onChange={(event) => edit((p) => ({ ...p, text: event.target.value }))} rows={6} />
      )}
      <ul className="compose__counters" aria-label="Length per account">
        {accounts.map((chosen) => (
          <CountLine key={chosen.id} post={post} account={chosen} edit={edit} />
        ))}
      </ul>
    </div>
  );
}
