import { existsSync } from 'node:fs';

/**
 * Every harness checks what it needs and fails with what to install: never a silent skip.
 */
export function requireNode22(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    throw new Error(
      `Node ${process.versions.node} is too old: Cadence's tests need Node 22 or newer (the local AT Protocol network imports undici 8, which needs zstd in zlib). Run .ci/run, which provides Node 22, or put a Node 22 first on PATH.`,
    );
  }
}

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's package: apt-get install -y chromium (or set CHROMIUM_BIN).`);
  }
  return CHROMIUM;
}

export const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';

export function requireFirefox(): string {
  if (!existsSync(FIREFOX)) {
    throw new Error(`Firefox ESR not found at ${FIREFOX}. Install Debian's package: apt-get install -y firefox-esr (or set FIREFOX_BIN).`);
  }
  return FIREFOX;
}
