import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Messenger } from '@/lib/messaging';
import type { Change, Store, StoreName } from '@/lib/store';

export interface AppServices {
  store: Store;
  request: Messenger;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

/**
 * Runs `query` now and again after every write to one of `stores`, from any context (the change
 * feed is a BroadcastChannel). Keeps the last result while the next one loads.
 */
export function useLiveQuery<T>(stores: StoreName[], query: (store: Store) => Promise<T>, deps: unknown[]): T | undefined {
  const { store } = useServices();
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    let version = 0;
    const run = () => {
      const mine = ++version;
      query(store).then(
        (result) => {
          if (alive && mine === version) setValue(() => result);
        },
        // The view keeps its last result; the failure must at least be visible to whoever debugs it.
        (error: unknown) => console.error('Cadence: a view could not read its data', error),
      );
    };
    run();
    const unsubscribe = store.feed.subscribe((change: Change) => {
      if (stores.includes(change.store)) run();
    });
    return () => {
      alive = false;
      unsubscribe();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers list what their query reads
  }, [store, ...deps]);
  return value;
}
