import { CalendarView } from '../calendar/CalendarView';
import { ComposeView } from '../compose/ComposeView';
import { InboxView } from '../inbox/InboxView';
import { ListeningView } from '../listening/ListeningView';
import { QueueView } from '../queue/QueueView';
import { SettingsView } from '../settings/SettingsView';
import { PlaceholderViews } from './PlaceholderViews';
import type { ViewId } from './views';

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
    default:
      return <PlaceholderViews view={view} />;
  }
}
