import { NetworkError } from '@/lib/errors';
import { ConflictError, TeamForbiddenError, type CouchDoc } from '@/lib/team/couch';
import type { TeamDocs } from '@/lib/team/lease';
import { validateDocUpdateSource, type ValidateOptions } from '@/lib/team/validate-doc-update';

/**
 * A team server for unit tests: documents with revisions, a PUT with a stale `_rev` answered 409
 * as CouchDB does, and the real validate_doc_update run on every write (403). The real server is
 * in tests/integration/team/; this one lets a simulation run hundreds of seeded worlds.
 */
type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: { name: string; roles: string[] }) => void;

export interface FakeCouch {
  /** A member's connection; `link` decides, per request, whether it reaches the server and whether its answer comes back. */
  connect(user: string, link: () => 'up' | 'down' | 'answer-lost', pause: () => Promise<void>): TeamDocs;
  all(): CouchDoc[];
  seed(doc: CouchDoc): void;
}

export function createFakeCouch(options: ValidateOptions): FakeCouch {
  const validate = new Function(`return (${validateDocUpdateSource(options)});`)() as Validate;
  const docs = new Map<string, { rev: number; json: string }>();
  const revOf = (n: number) => `${n}-fake`;
  const read = (id: string): CouchDoc | null => {
    const stored = docs.get(id);
    return stored ? { ...(JSON.parse(stored.json) as CouchDoc), _rev: revOf(stored.rev) } : null;
  };
  const write = (user: string, doc: CouchDoc): string => {
    const stored = docs.get(doc._id);
    if ((stored ? revOf(stored.rev) : undefined) !== doc._rev) throw new ConflictError(doc._id);
    try {
      validate(JSON.parse(JSON.stringify(doc)), stored ? read(doc._id) : null, { name: user, roles: [] });
    } catch (refusal) {
      if (refusal instanceof Error) throw refusal;
      throw new TeamForbiddenError(String((refusal as { forbidden?: string }).forbidden));
    }
    const rev = (stored?.rev ?? 0) + 1;
    const { _rev: _dropped, ...body } = doc;
    docs.set(doc._id, { rev, json: JSON.stringify(body) });
    return revOf(rev);
  };
  return {
    connect(user, link, pause) {
      const reach = async <T>(act: () => T): Promise<T> => {
        await pause();
        const fate = link();
        if (fate === 'down') throw new NetworkError('the team server cannot be reached');
        const result = act();
        await pause();
        if (fate === 'answer-lost') throw new NetworkError('the answer was lost');
        return result;
      };
      return { get: (id) => reach(() => read(id)), put: (doc) => reach(() => write(user, doc)) };
    },
    all: () => [...docs.keys()].map((id) => read(id)).filter((d): d is CouchDoc => d !== null),
    seed(doc) {
      const { _rev: _dropped, ...body } = doc;
      docs.set(doc._id, { rev: 1, json: JSON.stringify(body) });
    },
  };
}
