import { Button } from '../ui/Button';
/**
 * Said on every view while the settings row cannot be read: captures are refused until it is
 * repaired (lib/app/repair-settings.ts), so the user learns it here, not from a missing clip.
 */
export function SettingsProblem({ reason, onOpenSettings }: { reason: string; onOpenSettings: () => void }) {
  return (
    <div className="read-problem" role="alert" data-testid="settings-problem">
      <p>Your settings could not be read ({reason}), so Cadence cannot file new clips in a workspace. Open Settings and choose "Repair settings".</p>
      <Button type="button" onClick={onOpenSettings}>
        Open Settings
      </Button>
    </div>
  );
}
