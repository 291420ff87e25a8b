import { useState } from 'react';
import { useActiveWorkspace, useSettingsRow } from '../data/workspace';
import { AccountsSection } from './AccountsSection';
import { BackupSection } from './BackupSection';
import { DamagedSettings } from './DamagedSettings';
import { FeedsSection } from './FeedsSection';
import { MastodonServersSection } from './MastodonServersSection';
import { NotificationsSection, PollingSection, PublishingSection, ThemeSection } from './PreferencesSections';
import { RunnerSection } from './RunnerSection';
import { ScheduleSection } from './ScheduleSection';
import { TeamSection } from './TeamSection';
import { WorkspaceSection } from './WorkspaceSection';
import { WorkspacesSection } from './WorkspacesSection';
import { LoadingState } from '../ui/LoadingState';

/** Settings of the active workspace first, then every workspace, then the browser-wide preferences. */
export function SettingsView() {
  const settings = useSettingsRow();
  const activeId = settings?.ok ? settings.value.activeWorkspaceId : null;
  const scope = useActiveWorkspace();
  const [status, setStatus] = useState<string>('');
  if (!settings || !scope) return <LoadingState label="Loading settings…" />;
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
          <TeamSection key={`team-${workspace.id}`} workspace={workspace} onStatus={setStatus} />
          <ScheduleSection key={`schedule-${workspace.id}`} workspace={workspace} accounts={accounts} onStatus={setStatus} />
          <FeedsSection key={`feeds-${workspace.id}`} workspace={workspace} onStatus={setStatus} />
          <RunnerSection key={`runner-${workspace.id}`} workspace={workspace} accounts={accounts} onStatus={setStatus} />
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
