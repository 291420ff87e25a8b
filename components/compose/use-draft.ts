import { useCallback, useEffect, useRef, useState } from 'react';
import { blankPost } from '@/lib/compose/post-draft';
import { copiedExperiment } from '@/lib/compose/experiment';
import { newId, type Account, type Clip, type Post } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useDraftStore } from '../data/drafts';
import { clearPendingClip, peekPendingClip, readDraftId, writeDraftId } from './compose-target';
import { chooseAll } from './choose-all';

/** How long typing may pause before the draft is written (issue 4: "drafts save themselves"). */
const SAVE_AFTER_MS = 400;

export interface DraftHandle {
  post: Post | null;
  clip: Clip | null;
  edit(change: (post: Post) => Post): void;
  /** Writes any pending change now; resolves with the saved post. */
  flush(): Promise<Post | null>;
  /** Forgets the current draft and starts a blank one. */
  startOver(): void;
  /**
   * A new draft with this post's words, labels and accounts (a post whose words are locked stays
   * as it is). A post in an A/B experiment is copied as the experiment's next arm.
   */
  copyToNew(): Promise<void>;
  /** Saves this draft and edits another post of the workspace instead. */
  open(postId: string): Promise<void>;
  saveError: string | null;
}

export function useDraft(workspaceId: string, accounts: readonly Account[]): DraftHandle {
  const store = useDraftStore();
  const [post, setPost] = useState<Post | null>(null);
  const [clip, setClip] = useState<Clip | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const latest = useRef<Post | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let alive = true;
    void (async () => {
      const pending = peekPendingClip();
      const pendingClip = pending ? await store.clip(pending.clipId) : null;
      if (pending && pendingClip) {
        const fromClip = chooseAll(blankPost(pending.postId, workspaceId, Date.now(), pendingClip), accounts, pendingClip);
        if (!alive) return;
        // Stored at once, so a remount or a closed panel finds this draft instead of the request.
        await store.save(fromClip);
        writeDraftId(fromClip.id);
        clearPendingClip();
        if (!alive) return;
        latest.current = fromClip;
        setClip(pendingClip);
        setPost(fromClip);
        return;
      }
      clearPendingClip();
      const storedId = readDraftId();
      const stored = storedId ? await store.post(storedId) : null;
      const loaded = stored?.workspaceId === workspaceId ? stored : null;
      const loadedClip = loaded?.clipId ? await store.clip(loaded.clipId) : null;
      const fresh = loaded ?? chooseAll(blankPost(newId('post'), workspaceId, Date.now(), null), accounts, null);
      if (!alive) return;
      latest.current = fresh;
      setClip(loadedClip);
      setPost(fresh);
    })();
    return () => {
      alive = false;
    };
    // Loads once per workspace; accounts arriving later are chosen by the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, workspaceId]);

  const write = useCallback(async (): Promise<Post | null> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const current = latest.current;
    if (!current) return null;
    try {
      const saved = await store.save(current);
      writeDraftId(saved.id);
      setSaveError(null);
      return saved;
    } catch (error) {
      setSaveError(errorText(error));
      return null;
    }
  }, [store]);

  useEffect(() => () => void (timer.current && write()), [write]);

  const edit = useCallback(
    (change: (post: Post) => Post) => {
      const base = latest.current;
      if (!base) return;
      const next = { ...change(base), updatedAt: Date.now() };
      latest.current = next;
      setPost(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void write(), SAVE_AFTER_MS);
    },
    [write],
  );

  const startOver = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    writeDraftId(null);
    const fresh = chooseAll(blankPost(newId('post'), workspaceId, Date.now(), null), accounts, null);
    latest.current = fresh;
    setClip(null);
    setPost(fresh);
  }, [workspaceId, accounts]);

  const copyToNew = useCallback(async () => {
    const base = latest.current;
    if (!base) return;
    // Pending words of this post are kept first; a locked post refuses them, and stays as it is.
    if (timer.current) await write();
    const now = Date.now();
    const arms = base.experiment ? await store.experimentArms(base.workspaceId, base.experiment.id) : [];
    const experiment = copiedExperiment(
      base,
      arms.map((arm) => arm.arm),
    );
    const copy: Post = { ...base, id: newId('post'), experiment, createdAt: now, updatedAt: now };
    try {
      await store.save(copy);
      writeDraftId(copy.id);
      latest.current = copy;
      setSaveError(null);
      setPost(copy);
    } catch (error) {
      setSaveError(errorText(error));
    }
  }, [store, write]);

  const open = useCallback(
    async (postId: string) => {
      if (timer.current) await write();
      const opened = await store.post(postId);
      if (opened?.workspaceId !== workspaceId) {
        setSaveError('That post could not be opened: it was deleted or belongs to another workspace.');
        return;
      }
      const openedClip = opened.clipId ? await store.clip(opened.clipId) : null;
      writeDraftId(opened.id);
      latest.current = opened;
      setSaveError(null);
      setClip(openedClip);
      setPost(opened);
    },
    [store, write, workspaceId],
  );

  return { post, clip, edit, flush: write, startOver, copyToNew, open, saveError };
}
