import { describe, expect, it } from 'vitest';
import { firefoxPortText, portRefusedHost } from '@/lib/capture/site-buttons/registrations';
import { askForServer } from '@/components/settings/ask-for-server';

/**
 * Firefox refuses a host permission for a match pattern with a port (tests/e2e-firefox/ports.e2e.ts
 * shows its refusal); Settings says so in plain words before asking, and Chrome asks as before.
 */
describe('a server on a port in Firefox', () => {
  it('is the host Firefox refuses; without a port, or in Chrome, nothing is refused', () => {
    expect(portRefusedHost('https://social.example:8443', true)).toBe('social.example:8443');
    expect(portRefusedHost('http://127.0.0.1:3000', true)).toBe('127.0.0.1:3000');
    expect(portRefusedHost('https://social.example', true)).toBeNull();
    expect(portRefusedHost('https://social.example:443', true)).toBeNull(); // the default port is no port
    expect(portRefusedHost('https://social.example:8443', false)).toBeNull();
  });

  it('askForServer says what Firefox cannot do, without asking the browser', async () => {
    await expect(askForServer('social.example:8443', () => 'refused', { isFirefox: true })).rejects.toThrow(firefoxPortText('social.example:8443'));
    await expect(askForServer('social.example:8443', () => 'refused', { isFirefox: true, portText: (host) => `no buttons on ${host}` })).rejects.toThrow(
      'no buttons on social.example:8443',
    );
    expect(firefoxPortText('social.example:8443')).toBe(
      'Firefox cannot let Cadence reach social.example:8443: Firefox’s permissions take no port number, so a server on a port works with Cadence in Chrome only.',
    );
  });
});
