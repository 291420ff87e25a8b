import { useEffect, useState } from 'react';
import { storedWorkProgress, workChannelName, workMessageSchema, type WorkProgress } from '@/lib/store';
import { useStore } from './store-context';

export type { WorkProgress } from '@/lib/store';

/**
 * The upgrade work still running after a version change (lib/store/upgrade-work), whichever
 * context runs it: read once from the database, then followed on the channel the runner announces
 * every batch on (same origin only, so only Cadence's own pages and worker post there). Null when
 * there is none left.
 */
export function useUpgradeWork(): WorkProgress | null {
  const store = useStore();
  const [progress, setProgress] = useState<WorkProgress | null>(null);
  useEffect(() => {
    let isMounted = true;
    const channel = new BroadcastChannel(workChannelName(store.db.name));
    let heard = false;
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = workMessageSchema.safeParse(event.data);
      if (!message.success) return;
      heard = true;
      setProgress(message.data.progress);
    };
    storedWorkProgress(store.db)
      .then((stored) => isMounted && !heard && setProgress(stored))
      .catch((error: unknown) => console.error('Cadence: could not read how far the upgrade is', error));
    return () => {
      isMounted = false;
      channel.close();
    };
  }, [store]);
  return progress;
}

/** Calls `onFinished` when the runner announces that no upgrade work is left (the search index is complete, say). */
export function onUpgradeWorkFinished(dbName: string, onFinished: () => void): () => void {
  const channel = new BroadcastChannel(workChannelName(dbName));
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = workMessageSchema.safeParse(event.data);
    if (message.success && message.data.progress === null) onFinished();
  };
  return () => channel.close();
}
