import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { QueueView } from '../queue/QueueView';
import { VIEWS, type ViewId } from './views';
import { ReadScope } from '../data/store-context';
import { ReadProblem } from './ReadProblem';
import { ViewErrorBoundary } from './ViewErrorBoundary';
import { LoadingState } from '../ui/LoadingState';

type OtherView = Exclude<ViewId, 'queue'>;

/**
 * The queue, which the panel opens on, is in the first bundle; every other view (Compose with
 * twitter-text, Calendar with luxon, Insights with uPlot…) is its own chunk, loaded when first shown
 * and fetched anyway once the panel has been idle a moment, so a switch rarely waits for it.
 */
const LOADERS: Record<OtherView, () => Promise<{ default: ComponentType }>> = {
  compose: () => import('../compose/ComposeView').then((module) => ({ default: module.ComposeView })),
  calendar: () => import('../calendar/CalendarView').then((module) => ({ default: module.CalendarView })),
  inbox: () => import('../inbox/InboxView').then((module) => ({ default: module.InboxView })),
  listening: () => import('../listening/ListeningView').then((module) => ({ default: module.ListeningView })),
  insights: () => import('../insights/InsightsView'),
  settings: () => import('../settings/SettingsView').then((module) => ({ default: module.SettingsView })),
};
const LAZY_VIEWS = Object.fromEntries(Object.entries(LOADERS).map(([id, load]) => [id, lazy(load)])) as unknown as Record<OtherView, ComponentType>;
/** After the first paint and the reads that follow it: the chunks' parsing must not delay the queue. */
const PRELOAD_AFTER_MS = 2000;

export function ViewPanel({ view }: { view: ViewId }) {
  usePreloadViews();
  const label = VIEWS.find((entry) => entry.id === view)!.label;
  const View = view === 'queue' ? QueueView : LAZY_VIEWS[view];
  // Each view has its own read scope (its failed reads are said here, above it) and its own error boundary.
  return (
    <ReadScope key={view}>
      <ReadProblem view={`The ${label} view`} />
      <ViewErrorBoundary view={`The ${label} view`}>
        {/* The fallback takes the view's place inside the tab panel; focus stays on the tab that chose it. */}
        <Suspense fallback={<LoadingState label={`Loading ${label.toLowerCase()}…`} />}>
          <View />
        </Suspense>
      </ViewErrorBoundary>
    </ReadScope>
  );
}

function usePreloadViews() {
  useEffect(() => {
    let idle = 0;
    const timer = setTimeout(() => {
      idle = requestIdleCallback(() => {
        // Only a head start: a view whose chunk is not here yet loads it when opened.
        for (const load of Object.values(LOADERS)) load().catch(() => undefined);
      });
    }, PRELOAD_AFTER_MS);
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, []);
}
