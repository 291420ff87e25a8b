import { useState } from 'react';
import type { Account, Workspace } from '@/lib/model';
import { useDrafts } from '../../data/drafts';
import { Composer } from '../Composer';
import { writeDraftId } from '../compose-target';
import { DraftList } from './DraftList';
import { Button } from '../../ui/Button';

/**
 * Compose has two modes: Write (the composer) and Drafts (every draft of the workspace, issue 17).
 * Opening a draft remembers it where the composer reads it and mounts a fresh composer, which
 * loads it; the composer it replaces wrote its pending change when it was unmounted.
 */
export function ComposeModes({ workspace, accounts }: { workspace: Workspace; accounts: Account[] }) {
  const [mode, setMode] = useState<'write' | 'drafts'>('write');
  const [opened, setOpened] = useState(0);
  // Read only while shown: in Write every autosave is a posts write, and the list reads them all.
  const drafts = useDrafts(workspace.id, mode === 'drafts');
  const open = (postId: string | null) => {
    writeDraftId(postId);
    setOpened((count) => count + 1);
    setMode('write');
  };
  return (
    <>
      <div className="compose-modes" role="group" aria-label="Compose mode">
        <Button type="button" aria-pressed={mode === 'write'} onClick={() => setMode('write')}>
          Write
        </Button>
        <Button type="button" aria-pressed={mode === 'drafts'} onClick={() => setMode('drafts')} data-testid="drafts-toggle">
          Drafts
        </Button>
      </div>
      {mode === 'drafts' ? (
        <DraftList workspace={workspace} accounts={accounts} drafts={drafts ?? undefined} onOpen={open} />
      ) : (
        <Composer key={`${workspace.id}:${opened}`} workspace={workspace} accounts={accounts} />
      )}
    </>
  );
}
