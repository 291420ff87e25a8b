import { useEffect } from 'react';
import { useServices } from '../data/store-context';

/** Tells the background whether this panel is on screen, so the poller runs faster while it is. */
export function usePanelVisible(): void {
  const { request } = useServices();
  useEffect(() => {
    const send = () => {
      // Best effort: a background that cannot hear this just polls at the quiet cadence.
      void request('panel.visible', { visible: document.visibilityState === 'visible' }).catch((error: unknown) =>
        console.error('Cadence: panel.visible', error),
      );
    };
    send();
    document.addEventListener('visibilitychange', send);
    window.addEventListener('pagehide', send);
    return () => {
      document.removeEventListener('visibilitychange', send);
      window.removeEventListener('pagehide', send);
    };
  }, [request]);
}
