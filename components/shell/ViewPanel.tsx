import { lazy, Suspense } from 'react';
import { CalendarView } from '../calendar/CalendarView';
import { ComposeView } from '../compose/ComposeView';
import { QueueView } from '../queue/QueueView';
import { SettingsView } from '../settings/SettingsView';
import { PlaceholderViews } from './PlaceholderViews';
import type { ViewId } from './views';

// Insights carries uPlot and the analytics: loaded when first shown, not with the panel.
const InsightsView = lazy(() => import('../insights/InsightsView'));

export function ViewPanel({ view }: { view: ViewId }) {
  switch (view) {
    case 'queue':
      return <QueueView />;
    case 'compose':
      return <ComposeView />;
    case 'calendar':
      return <CalendarView />;
    case 'settings':
      return <SettingsView />;
    case 'insights':
      return (
        <Suspense fallback={<p aria-busy="true">Loading insights…</p>}>
          <InsightsView />
        </Suspense>
      );
    default:
      return <PlaceholderViews view={view} />;
  }
}
