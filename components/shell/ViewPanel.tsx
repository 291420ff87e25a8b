import { lazy, Suspense } from 'react';
import { CalendarView } from '../calendar/CalendarView';
import { ComposeView } from '../compose/ComposeView';
import { InboxView } from '../inbox/InboxView';
import { ListeningView } from '../listening/ListeningView';
import { QueueView } from '../queue/QueueView';
import { SettingsView } from '../settings/SettingsView';
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
    case 'inbox':
      return <InboxView />;
    case 'listening':
      return <ListeningView />;
    case 'insights':
      return (
        <Suspense fallback={<p aria-busy="true">Loading insights…</p>}>
          <InsightsView />
        </Suspense>
      );
  }
}
