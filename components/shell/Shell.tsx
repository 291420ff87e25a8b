import { useCallback, useEffect, useState } from 'react';
import { writeDraftId } from '../compose/compose-target';
import { useTeamLive } from '../data/team';
import { useSettingsRow } from '../data/workspace';
import { ReadProblem } from './ReadProblem';
import { SettingsProblem } from './SettingsProblem';
import { ShellNotices } from './ShellNotices';
import { UpgradeWorkNote } from './UpgradeWorkNote';
import { Navigation } from './Navigation';
import { ViewPanel } from './ViewPanel';
import { VIEWS, type ViewId } from './views';
import { useOpenRequest } from './use-open-request';
import { useTheme } from './use-theme';
import { ViewSwitchContext } from './view-switch';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function Shell() {
  const [view, setView] = useState<ViewId>('queue');
  const settings = useSettingsRow();
  useTheme(settings?.ok ? settings.value.theme : 'system');
  useTeamLive(settings?.ok ? settings.value.activeWorkspaceId : null);
  // A clicked failure notification opens its post in Compose; the key mounts the view afresh so it reads that post.
  const [routeKey, setRouteKey] = useState(0);
  const openPost = useCallback((postId: string) => {
    writeDraftId(postId);
    setView('compose');
    setRouteKey((key) => key + 1);
  }, []);
  useOpenRequest(openPost);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      const target = VIEWS[index];
      if (!target) return;
      event.preventDefault();
      setView(target.id);
      document.getElementById(`tab-${target.id}`)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="shell">
      <header className="shell__header">
        <span className="brand" aria-hidden="true">
          Cadence
        </span>
        <WorkspaceSwitcher activeId={settings?.ok ? settings.value.activeWorkspaceId : null} />
      </header>
      <ReadProblem />
      <UpgradeWorkNote />
      <ShellNotices />
      {settings && !settings.ok && view !== 'settings' ? <SettingsProblem reason={settings.reason} onOpenSettings={() => setView('settings')} /> : null}
      <Navigation current={view} onSelect={setView} />
      <main id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`} tabIndex={0} className="shell__main">
        <ViewSwitchContext.Provider value={setView}>
          <ViewPanel key={routeKey} view={view} />
        </ViewSwitchContext.Provider>
      </main>
    </div>
  );
}
