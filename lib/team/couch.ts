import { AppError, AuthError, NetworkError, NotFoundError } from '../errors';

/**
 * A small client of CouchDB's HTTP API, only what the team code needs: documents by id with their
 * `_rev` (a PUT with a stale `_rev` is answered 409, which is the compare-and-swap the leases stand
 * on), databases, and `_security`. Basic auth, over the `fetch` it is given, so it runs the same in
 * the extension, the runner and the tests.
 *
 * Errors at the edge: 401 AuthError, 403 TeamForbiddenError (the server's validate_doc_update or
 * security said no; its reason is kept), 404 NotFoundError, 409 ConflictError, anything else
 * NetworkError.
 */
export interface CouchOptions {
  url: string;
  user: string;
  password: string;
  fetch: typeof fetch;
}

export class TeamForbiddenError extends AppError {
  constructor(readonly reason: string) {
    super('auth', `The team server refused: ${reason}`);
    this.name = 'TeamForbiddenError';
  }
}

export class ConflictError extends AppError {
  constructor(id: string) {
    super('conflict', `${id} changed on the server since it was read`);
    this.name = 'ConflictError';
  }
}

export interface CouchDoc {
  _id: string;
  _rev?: string;
  [field: string]: unknown;
}

export interface Couch {
  request(method: string, path: string, body?: unknown): Promise<unknown>;
  get(db: string, id: string): Promise<CouchDoc | null>;
  /** Writes `doc`; with `_rev` only if the server still has that revision. Returns the new `_rev`. */
  put(db: string, doc: CouchDoc): Promise<string>;
}

export function createCouch({ url, user, password, fetch }: CouchOptions): Couch {
  const base = url.replace(/\/+$/, '');
  const authorization = `Basic ${btoa(`${user}:${password}`)}`;

  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${base}/${path}`, {
        method,
        headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(`The team server at ${base} cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page: the status below says what happened.
    }
    if (response.ok) return json;
    const reason = typeof json === 'object' && json && 'reason' in json ? String(json.reason) : text.slice(0, 200);
    if (response.status === 401) throw new AuthError(`The team server did not accept ${user}: ${reason}`);
    if (response.status === 403) throw new TeamForbiddenError(reason);
    if (response.status === 404) throw new NotFoundError(`${path} is not on the team server`);
    if (response.status === 409) throw new ConflictError(path);
    throw new NetworkError(`The team server answered ${response.status} to ${method} ${path}: ${reason}`, response.status);
  }

  return {
    request,
    async get(db, id) {
      try {
        return (await request('GET', `${encodeURIComponent(db)}/${docPath(id)}`)) as CouchDoc;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
    async put(db, doc) {
      const answer = (await request('PUT', `${encodeURIComponent(db)}/${docPath(doc._id)}`, doc)) as { rev: string };
      return answer.rev;
    },
  };
}

/** `_design/x` keeps its slash (CouchDB routes it); every other id is one path segment. */
function docPath(id: string): string {
  return id.startsWith('_design/') ? `_design/${encodeURIComponent(id.slice(8))}` : encodeURIComponent(id);
}
