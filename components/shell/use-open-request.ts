import { useEffect } from 'react';
import { onPanelPing } from '@/lib/messaging/panel-ping';
import { useServices } from '../data/store-context';

/**
 * Opens what the background asks the panel to show: the post of a clicked failure notification
 * (issue 24). Asked once when the panel opens (the click may have opened it) and again at every
 * nudge from the background while it is open.
 */
export function useOpenRequest(openPost: (postId: string) => void): void {
  const { request } = useServices();
  useEffect(() => {
    const ask = () =>
      void request('panel.takeOpenRequest', {})
        .then(({ postId }) => (postId ? openPost(postId) : undefined))
        .catch((error: unknown) => console.warn('Cadence: could not ask what to open', error));
    ask();
    return onPanelPing(ask);
  }, [request, openPost]);
}
