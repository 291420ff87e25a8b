import { highlightRules } from './highlight-rules';
import { validRows } from '../store';
import { CONTENT_PUSH } from '../app/names';
import type { BackgroundService, ServiceContext } from '../app/background-service';

/**
 * Listening highlights for the site scripts: answers `listen.highlightRules` with the active
 * workspace's streams as names and terms, and, while the worker is awake, nudges the tabs that
 * asked whenever streams or the active workspace change (the side panel writes them; the change
 * feed tells us). A tab that no longer answers is forgotten. A worker that slept forgets them
 * all: the scripts ask again when their page is shown or focused.
 */
export function createHighlightService({ store, ports }: ServiceContext): BackgroundService<'listen.highlightRules'> {
  const sendToTab = ports.tabs.send; // rejects when the tab has no site script any more
  const tabs = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const nudge = () => {
    timer = null;
    for (const tabId of tabs) sendToTab(tabId, { type: CONTENT_PUSH.highlightRulesChanged }).catch(() => tabs.delete(tabId));
  };
  void store.then((opened) =>
    opened.feed.subscribe((change) => {
      // One nudge for a burst of writes (a deleted stream takes its results with it).
      if (change.store === 'streams' || change.store === 'settings') timer ??= setTimeout(nudge, 50);
    }),
  );
  return {
    handlers: {
      'listen.highlightRules': async (_input, { tabId }) => {
        if (tabId !== null) tabs.add(tabId);
        const opened = await store;
        const settings = await opened.settings.get('settings');
        const workspaceId = settings?.ok ? settings.value.activeWorkspaceId : null;
        if (!workspaceId) return { rules: [] };
        return { rules: highlightRules(validRows(await opened.streams.list({ index: 'by-workspace', query: workspaceId }))) };
      },
    },
  };
}
