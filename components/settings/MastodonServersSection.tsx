import { useState, type FormEvent } from 'react';
import { originPattern } from '@/lib/capture/site-buttons/registrations';
import { browser } from '@/lib/platform/browser';
import { errorText } from '../common/error-text';
import { askForServer, failureText } from './ask-for-server';
import { useMastodonServers } from '../data/accounts';
import { useServices } from '../data/store-context';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

const hostOf = (origin: string) => new URL(origin).host;

// Firefox grants no server on a port (lib/capture/site-buttons/registrations.ts portRefusedHost):
// there, the shortcut and the page's menu clip a page on the activeTab grant they carry.
const firefoxPortButtonsText = (host: string) =>
  `Firefox cannot add Clip buttons on ${host}: Firefox’s permissions take no port number. Clip its pages with Alt+Shift+S or the right-click menu’s “Clip page to Cadence” instead.`;

/**
 * "Clip buttons on Mastodon servers you read": the Clip / Share next buttons (and listening
 * highlights) come to a Mastodon server once Cadence may read it. Your accounts' servers have
 * them already; another server is added here, its permission asked in the click (the browser
 * needs the user's gesture), then the background registers the site script there. A server
 * that came with a backup from another browser has no permission here yet: it is listed with an
 * Allow button, and gets its buttons once allowed.
 */
export function MastodonServersSection({ onStatus }: { onStatus: (text: string) => void }) {
  const { request } = useServices();
  // Bumped after the user allows a server: permissions live in the browser, not in the store.
  const [allowedTimes, setAllowedTimes] = useState(0);
  const servers = useMastodonServers((origin) => browser.permissions.contains({ origins: [originPattern(origin)] }), allowedTimes);
  const [server, setServer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const add = (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setBusy(true);
    askForServer(server, (host) => `Cadence needs your permission to read ${host}. Press Add again and choose Allow.`, { portText: firefoxPortButtonsText })
      .then(async (origin) => {
        await request('sites.addMastodonServer', { origin });
        setServer('');
        onStatus(`Clip buttons added on ${hostOf(origin)}, in the tabs open there too.`);
      })
      .catch((failure: unknown) => setError(failureText(failure)))
      .finally(() => setBusy(false));
  };

  const allow = (origin: string) => {
    setError('');
    askForServer(origin, (host) => `Cadence still may not read ${host}. Press Allow again and choose Allow in the browser’s prompt.`, {
      portText: firefoxPortButtonsText,
    })
      .then(async () => {
        await request('sites.addMastodonServer', { origin });
        setAllowedTimes((times) => times + 1);
        onStatus(`Clip buttons added on ${hostOf(origin)}, in the tabs open there too.`);
      })
      .catch((failure: unknown) => setError(failureText(failure)));
  };

  const remove = async (origin: string) => {
    setError('');
    try {
      const { permissionKept } = await request('sites.removeMastodonServer', { origin });
      onStatus(`Clip buttons removed from ${hostOf(origin)}${permissionKept ? '' : '; Cadence no longer has access to it'}.`);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <section aria-labelledby="settings-mastodon-servers">
      <h3 id="settings-mastodon-servers">Clip buttons on Mastodon servers you read</h3>
      <p className="help" id="mastodon-servers-help">
        Any server can run Mastodon, so Cadence adds its Clip and Share next buttons, and marks posts that match your listening streams, only on servers you
        name here and on your Mastodon accounts’ servers. It reads the pages you open there and sends nothing anywhere.
      </p>
      {import.meta.env.FIREFOX ? (
        <p className="help" data-testid="mastodon-servers-firefox">
          In Firefox, a server whose address has a port (like example.org:8443) cannot get the buttons: Firefox’s permissions take no port number. Clip its
          pages with Alt+Shift+S or the right-click menu’s “Clip page to Cadence” instead.
        </p>
      ) : null}
      {servers ? (
        <ul className="settings__list" data-testid="mastodon-servers">
          {servers.fromAccounts.map((origin) => (
            <li key={`account-${origin}`} data-origin={origin}>
              {hostOf(origin)} <span className="muted">your account’s server</span>
            </li>
          ))}
          {servers.added instanceof Error ? <li role="alert">{servers.added.message}</li> : null}
          {(servers.added instanceof Error ? [] : servers.added).map((origin) => (
            <li key={origin} data-origin={origin}>
              {hostOf(origin)}{' '}
              {servers.notAllowed.has(origin) ? (
                <>
                  <span className="muted">no buttons yet: this browser has not allowed Cadence to read it</span>{' '}
                  <Button type="button" onClick={() => allow(origin)}>
                    Allow {hostOf(origin)}
                  </Button>{' '}
                </>
              ) : null}
              <Button type="button" onClick={() => void remove(origin)}>
                Remove {hostOf(origin)}
              </Button>
            </li>
          ))}
          {servers.fromAccounts.length === 0 && Array.isArray(servers.added) && servers.added.length === 0 ? <li className="muted">None yet.</li> : null}
        </ul>
      ) : (
        <p aria-busy="true">Loading servers…</p>
      )}
      <form onSubmit={add} aria-label="Add a Mastodon server">
        <label>
          Server
          <TextField
            value={server}
            onChange={(event) => setServer(event.target.value)}
            placeholder="mastodon.social"
            aria-describedby="mastodon-servers-help"
          />
        </label>
        {error ? <p role="alert">{error}</p> : null}
        <Button type="submit" disabled={busy || !server.trim()}>
          {busy ? 'Adding…' : 'Add server'}
        </Button>
      </form>
    </section>
  );
}
