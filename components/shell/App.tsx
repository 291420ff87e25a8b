import { useEffect, useState } from 'react';
import { createMessenger } from '@/lib/messaging';
import { browser } from '@/lib/platform/browser';
import { openStore } from '@/lib/store';
import type { UpgradeProgress } from '@/lib/store/upgrade-progress';
import { ServicesProvider, type AppServices } from '../common/store-context';
import { OpeningScreen } from './OpeningScreen';
import { Shell } from './Shell';

/** Opens the database in the panel (views read IndexedDB directly) and wires the messenger. */
export function App() {
  const [services, setServices] = useState<AppServices | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<UpgradeProgress | null>(null);
  useEffect(() => {
    let opened: AppServices | null = null;
    openStore({ onProgress: setProgress })
      .then((store) => {
        opened = { store, request: createMessenger((message) => browser.runtime.sendMessage(message)) };
        setServices(opened);
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => opened?.store.close();
  }, []);
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
      <Shell />
    </ServicesProvider>
  );
}
