import { inject } from 'vitest';
import { launchFirefox, type LaunchedFirefox } from '../../harness/firefox';
import { SidePanel } from '../../e2e/pages/side-panel';

/** Firefox ESR with the Firefox build (or its e2e twin) installed, and the panel's page open in a tab. */
export async function launchFirefoxWithPanel({ build = 'real' }: { build?: 'real' | 'e2e' } = {}): Promise<{ firefox: LaunchedFirefox; panel: SidePanel }> {
  const firefox = await launchFirefox({
    firefox: inject('firefox'),
    extensionPath: inject(build === 'e2e' ? 'firefoxE2eExtensionPath' : 'firefoxExtensionPath'),
  });
  try {
    const panel = await SidePanel.attach(await firefox.openExtensionPage('/sidepanel.html'));
    return { firefox, panel };
  } catch (error) {
    await firefox.dispose();
    throw error;
  }
}
