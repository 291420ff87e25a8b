import { useEffect, useState } from 'react';
import { createMessenger } from '@/lib/messaging';
import { browser } from '@/lib/platform/browser';
import type { UpgradeProgress } from '../data/rows';
import { ServicesProvider, type AppServices } from '../data/store-context';
import { ToastProvider } from '../ui/Toast';
import { OpeningScreen } from './OpeningScreen';
import { Shell } from './Shell';
import type { StoreOpening } from '../data/store-opening';

/** Waits for the database the entry script began opening (../data/store-opening.ts) and wires the messenger. */
export function App({ opening }: { opening: StoreOpening }) {
  const [services, setServices] = useState<AppServices | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<UpgradeProgress | null>(null);
  useEffect(() => {
    let isMounted = true;
    const unsubscribe = opening.subscribe(setProgress);
    opening.store
      .then((store) => {
        if (isMounted) setServices({ store, request: createMessenger((message) => browser.runtime.sendMessage(message)) });
      })
      .catch((error: unknown) => isMounted && setFailure(error instanceof Error ? error.message : String(error)));
    // The connection lives as long as the page: IndexedDB closes it when the panel closes.
    return () => {
      isMounted = false;
      unsubscribe();
    };
  }, [opening]);
  if (failure) {
    return (
      <main className="fatal" role="alert">
        <h1>Cadence could not open its data</h1>
        <p>{failure}</p>
        <p>Close other Cadence windows and reopen the side panel. Your data has not been changed.</p>
      </main>
    );
  }
  if (!services) return <OpeningScreen progress={progress} />;
  return (
    <ServicesProvider services={services}>
      <ToastProvider>
        <Shell />
      </ToastProvider>
    </ServicesProvider>
  );
}
