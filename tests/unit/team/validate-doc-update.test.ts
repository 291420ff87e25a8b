import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { validateDocUpdateSource } from '@/lib/team/validate-doc-update';
import { makeTeamPost } from '../../harness/team-posts';

/**
 * The design document's functions must run unchanged on Apache CouchDB 3: plain ES5 function
 * expressions. What they decide is tested against the real server in
 * tests/integration/team/roles.test.ts; here only that they are ES5, and a quick matrix in Node.
 */
type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: { name: string; roles: string[] }) => void;
const compile = (source: string) => new Function(`return (${source});`)() as Validate;
const T = 1_800_000_000_000;

describe('validate_doc_update', () => {
  it('is an ES5 function expression, with the members written in', () => {
    for (const requiresApproval of [true, false]) {
      const source = validateDocUpdateSource({ requiresApproval, roles: { olga: ['owner'], ed: ['editor', 'publisher'] } });
      expect(() => parse(`(${source})`, { ecmaVersion: 5 })).not.toThrow();
      expect(source).toContain(`var REQUIRES_APPROVAL = ${requiresApproval};`);
    }
  });

  it('lets an editor schedule a draft only when the workspace does not require approval', () => {
    const editor = { name: 'ed', roles: [] };
    const roles = { ed: ['editor' as const] };
    const draft = makeTeamPost('p1', 'ed', T);
    const scheduled = { ...draft, state: 'scheduled' };
    expect(() => compile(validateDocUpdateSource({ requiresApproval: true, roles }))(scheduled, draft, editor)).toThrow();
    expect(() => compile(validateDocUpdateSource({ requiresApproval: false, roles }))(scheduled, draft, editor)).not.toThrow();
  });

  it('gives a user who is not a member no role, whatever roles their user document claims', () => {
    const validate = compile(validateDocUpdateSource({ requiresApproval: true, roles: { olga: ['owner'] } }));
    expect(() => validate(makeTeamPost('p1', 'zed', T), null, { name: 'zed', roles: ['owner', 'cadence:acme:owner'] })).toThrow(
      expect.objectContaining({ forbidden: 'You have no role in this workspace.' }),
    );
  });
});
