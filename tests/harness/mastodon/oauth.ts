import { createHash, randomBytes } from 'node:crypto';
import { error, json, list, type Answer, type Params } from './http-kit';

/**
 * Apps and OAuth 2 of the local Mastodon server (docs.joinmastodon.org/methods/apps,
 * /methods/oauth; RFC 6749, RFC 7636): app registration, an authorize page that a test user
 * approves at once, the code grant with PKCE (S256 or plain), bearer tokens that can be revoked.
 */
export class OAuthProvider {
  private readonly apps = new Map<string, { secret: string; redirectUris: string[]; scopes: string }>();
  private readonly tokens = new Map<string, { accountId: string; revoked: boolean }>();
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; method: string; accountId: string; scope: string }>();
  /** The account the authorize page signs in, as if it clicked "Authorize". */
  approverId: string | null = null;

  issueToken(accountId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { accountId, revoked: false });
    return token;
  }

  revoke(token: string): void {
    const session = this.tokens.get(token);
    if (session) session.revoked = true;
  }

  /**
   * POST /oauth/revoke (RFC 7009, docs.joinmastodon.org/methods/oauth#revoke): the app
   * authenticates with its id and secret; an unknown token is answered 200 all the same.
   */
  revokeRequest(params: Params): Answer {
    const app = this.apps.get(String(params.client_id ?? ''));
    if (!app || app.secret !== params.client_secret) {
      return json(403, { error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' });
    }
    this.revoke(String(params.token ?? ''));
    return json(200, {});
  }

  isRevoked(token: string): boolean {
    return this.tokens.get(token)?.revoked === true;
  }

  /** The account id behind a bearer token, or the 401 the server answers. */
  authenticate(token: string): { accountId: string } | Answer {
    const session = this.tokens.get(token);
    if (!session || session.revoked) return error(401, session?.revoked ? 'The access token was revoked' : 'The access token is invalid');
    return { accountId: session.accountId };
  }

  createApp(params: Params, newId: () => string): Answer {
    if (typeof params.client_name !== 'string' || params.client_name === '') return error(422, "Validation failed: Application name can't be blank");
    const redirectUris = list(params['redirect_uris[]'] ?? params.redirect_uris)
      .flatMap((uri) => uri.split(/\s+/))
      .filter(Boolean);
    if (redirectUris.length === 0) return error(422, "Validation failed: Redirect URI can't be blank");
    const clientId = randomBytes(16).toString('base64url');
    const secret = randomBytes(16).toString('base64url');
    this.apps.set(clientId, { secret, redirectUris, scopes: String(params.scopes ?? 'read') });
    return json(200, {
      id: newId(),
      name: params.client_name,
      client_id: clientId,
      client_secret: secret,
      redirect_uri: redirectUris.join('\n'),
      redirect_uris: redirectUris,
    });
  }

  authorize(params: Params): Answer {
    const app = this.apps.get(String(params.client_id ?? ''));
    const redirectUri = String(params.redirect_uri ?? '');
    if (!app || !app.redirectUris.includes(redirectUri)) return error(400, 'invalid_client');
    if (params.response_type !== 'code') return error(400, 'unsupported_response_type');
    const scope = String(params.scope ?? 'read');
    if (!scope.split(' ').every((wanted) => app.scopes.split(' ').includes(wanted))) return error(400, 'invalid_scope');
    if (!this.approverId) return error(403, 'No test user is set to approve');
    const code = randomBytes(16).toString('base64url');
    this.codes.set(code, {
      clientId: String(params.client_id),
      redirectUri,
      challenge: String(params.code_challenge ?? ''),
      method: String(params.code_challenge_method ?? 'plain'),
      accountId: this.approverId,
      scope,
    });
    const location = new URL(redirectUri);
    location.searchParams.set('code', code);
    if (params.state !== undefined) location.searchParams.set('state', String(params.state));
    return { status: 302, headers: { Location: location.toString() } };
  }

  token(params: Params): Answer {
    const app = this.apps.get(String(params.client_id ?? ''));
    if (!app || app.secret !== params.client_secret) {
      return json(401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      });
    }
    if (params.grant_type !== 'authorization_code') return json(400, { error: 'unsupported_grant_type' });
    const invalidGrant = json(400, {
      error: 'invalid_grant',
      error_description:
        'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
    });
    const code = this.codes.get(String(params.code ?? ''));
    if (!code || code.clientId !== params.client_id || code.redirectUri !== params.redirect_uri) return invalidGrant;
    this.codes.delete(String(params.code)); // a code works once, whatever the outcome
    if (code.challenge !== '') {
      const verifier = String(params.code_verifier ?? '');
      const computed = code.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (computed !== code.challenge) return invalidGrant;
    }
    return json(200, {
      access_token: this.issueToken(code.accountId),
      token_type: 'Bearer',
      scope: code.scope,
      created_at: Math.floor(Date.now() / 1000),
    });
  }
}
