import { QueueView } from '../queue/QueueView';
import { SettingsView } from '../settings/SettingsView';
import { PlaceholderViews } from './PlaceholderViews';
import type { ViewId } from './views';

export function ViewPanel({ view }: { view: ViewId }) {
  switch (view) {
    case 'queue':
      return <QueueView />;
    case 'settings':
      return <SettingsView />;
    default:
      return <PlaceholderViews view={view} />;
  }
}
