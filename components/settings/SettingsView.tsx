import { useState } from 'react';
import { validRows } from '@/lib/store';
import { useLiveQuery } from '../common/store-context';
import { AccountsSection } from './AccountsSection';
import { BackupSection } from './BackupSection';
import { DamagedSettings } from './DamagedSettings';
import { MastodonServersSection } from './MastodonServersSection';
import { NotificationsSection, PollingSection, PublishingSection, ThemeSection } from './PreferencesSections';
import { ScheduleSection } from './ScheduleSection';
import { WorkspaceSection } from './WorkspaceSection';
import { WorkspacesSection } from './WorkspacesSection';

/** Settings of the active workspace first, then every workspace, then the browser-wide preferences. */
export function SettingsView() {
  const settings = useLiveQuery(['settings'], (s) => s.settings.get('settings'), []);
  const activeId = settings?.ok ? settings.value.activeWorkspaceId : null;
  const scope = useLiveQuery(
    ['workspaces', 'accounts'],
    async (s) => {
      const workspace = activeId ? await s.workspaces.get(activeId) : undefined;
      const accounts = activeId ? validRows(await s.accounts.list({ index: 'by-workspace', query: activeId })) : [];
      return { workspace: workspace?.ok ? workspace.value : null, accounts };
    },
    [activeId],
  );
  const [status, setStatus] = useState<string>('');
  if (!settings || !scope) return <p aria-busy="true">Loading settings…</p>;
  if (!settings.ok) return <DamagedSettings reason={settings.reason} />;
  const { workspace, accounts } = scope;
  return (
    <section aria-label="Settings" className="settings">
      <h2 className="view-title">Settings</h2>
      <p role="status" aria-live="polite" className="settings__status" data-testid="settings-status">
        {status}
      </p>
      {workspace ? (
        <>
          <WorkspaceSection key={workspace.id} workspace={workspace} onStatus={setStatus} />
          <AccountsSection workspace={workspace} accounts={accounts} onStatus={setStatus} />
          <ScheduleSection key={`schedule-${workspace.id}`} workspace={workspace} accounts={accounts} onStatus={setStatus} />
        </>
      ) : null}
      <WorkspacesSection activeId={activeId} onStatus={setStatus} />
      <PublishingSection settings={settings.value} onStatus={setStatus} />
      <PollingSection settings={settings.value} onStatus={setStatus} />
      <NotificationsSection settings={settings.value} onStatus={setStatus} />
      <MastodonServersSection onStatus={setStatus} />
      <ThemeSection settings={settings.value} onStatus={setStatus} />
      <BackupSection workspace={workspace} />
    </section>
  );
}
