import { useRef, useState } from 'react';
import { matchesDraft, type Draft, type RemovedDraft } from '@/lib/compose/drafts';
import type { Account, Workspace } from '@/lib/model';
import { errorText } from '../../common/error-text';
import { useDraftStore } from '../../data/drafts';
import { readDraftId } from '../compose-target';
import { DraftItem, previewOf } from './DraftItem';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { LoadingState } from '../../ui/LoadingState';

interface Props {
  workspace: Workspace;
  accounts: Account[];
  drafts: Draft[] | undefined;
  /** Opens this draft in Write, or a blank one (null). */
  onOpen: (postId: string | null) => void;
}

/** The workspace's drafts, searchable as the Queue is (accents and case folded, word starts). */
export function DraftList({ workspace, accounts, drafts, onOpen }: Props) {
  const store = useDraftStore();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [removed, setRemoved] = useState<RemovedDraft | null>(null);
  const search = useRef<HTMLInputElement | null>(null);
  if (!drafts) return <LoadingState label="Loading your drafts…" />;
  const shown = drafts.filter((draft) => matchesDraft(draft.post, query));
  const openId = readDraftId();

  const remove = async (draft: Draft) => {
    try {
      const gone = await store.deleteDraft(draft.post.id);
      setRemoved(gone);
      setStatus(`Deleted the draft “${previewOf(draft.post)}”.`);
      search.current?.focus(); // its row is gone: focus stays in the list's reach
    } catch (error) {
      setRemoved(null);
      setStatus(errorText(error));
    }
  };
  const undo = async () => {
    if (!removed) return;
    try {
      await store.restoreDraft(removed);
      setStatus(`The draft “${previewOf(removed.post)}” is back.`);
      setRemoved(null);
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  return (
    <section aria-label="Drafts" className="drafts">
      <h2 className="view-title">Drafts</h2>
      <div className="drafts__bar">
        <TextField
          ref={search}
          type="search"
          aria-label="Search drafts"
          placeholder="Search drafts"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Button type="button" onClick={() => onOpen(null)}>
          New draft
        </Button>
      </div>
      {drafts.length === 0 ? (
        <p className="muted" data-testid="drafts-empty">
          No drafts in “{workspace.name}” yet. What you write with Write or New draft is kept here until you queue it.
        </p>
      ) : shown.length === 0 ? (
        <p className="muted" data-testid="drafts-empty">
          No draft matches “{query}”. Use fewer words, or the start of a word: “caf” finds “café”.{' '}
          <Button type="button" onClick={() => setQuery('')}>
            Clear search
          </Button>
        </p>
      ) : (
        <>
          <p className="muted" data-testid="drafts-count">
            {query.trim() ? `${shown.length} of ${drafts.length} drafts match` : `${drafts.length} ${drafts.length === 1 ? 'draft' : 'drafts'}`}
          </p>
          <ul className="drafts__list" data-testid="drafts-list">
            {shown.map((draft) => (
              <DraftItem
                key={draft.post.id}
                draft={draft}
                accounts={accounts}
                zone={workspace.timeZone}
                isOpen={draft.post.id === openId}
                onOpen={() => onOpen(draft.post.id)}
                onDelete={() => void remove(draft)}
              />
            ))}
          </ul>
        </>
      )}
      <p role="status" aria-live="polite" data-testid="drafts-status">
        {status}
        {removed ? (
          <>
            {' '}
            <Button type="button" onClick={() => void undo()}>
              Undo
            </Button>
          </>
        ) : null}
      </p>
    </section>
  );
}
