import type { Draft } from '@/lib/compose/drafts';
import type { Account, Post } from '@/lib/model';
import { wallTime } from '@/lib/schedule/wall-time';
import { Button } from '../../ui/Button';

const PREVIEW_CHARS = 80;

/** The words a draft is known by: its shared text, else the first account's own text. */
export function previewOf(post: Post): string {
  const text = [post.text, ...post.variants.map((v) => v.text ?? '')].find((t) => t.trim() !== '')?.trim() ?? '';
  const line = text.split('\n')[0] ?? '';
  if (!line) return post.media.length > 0 ? `${post.media.length} image${post.media.length === 1 ? '' : 's'}, no text yet` : 'No text yet';
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
}

interface Props {
  draft: Draft;
  accounts: Account[];
  zone: string;
  isOpen: boolean;
  onOpen: () => void;
  onDelete: () => void;
}

export function DraftItem({ draft, accounts, zone, isOpen, onOpen, onDelete }: Props) {
  const { post } = draft;
  const preview = previewOf(post);
  const handles = draft.accountIds.map((id) => accounts.find((account) => account.id === id)?.handle).filter(Boolean);
  const edited = wallTime(post.updatedAt, zone);
  const meta = [
    handles.length > 0 ? handles.map((handle) => `@${handle}`).join(', ') : 'no account ticked',
    post.campaign ? `campaign ${post.campaign}` : null,
    `edited ${edited.weekday} ${edited.date} ${edited.time}`,
    isOpen ? 'open in Write' : null,
  ].filter(Boolean);
  return (
    <li className="drafts__item" data-post={post.id}>
      <Button type="button" className="drafts__open" onClick={onOpen} aria-label={`Open the draft “${preview}” in Compose`}>
        <span className="drafts__text">{preview}</span>
        <span className="drafts__meta muted">{meta.join(' · ')}</span>
      </Button>
      <Button type="button" className="drafts__delete" onClick={onDelete} aria-label={`Delete the draft “${preview}”`}>
        Delete
      </Button>
    </li>
  );
}
