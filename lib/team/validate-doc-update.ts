import type { TeamRole } from './roles';

/**
 * The `validate_doc_update` of a workspace's design document: the server runs it on every write,
 * replicated ones included (CouchDB 3 docs, "Validate Document Update Functions"), so a role is
 * held by the server whatever a member's extension does.
 *
 * It must run unchanged on Apache CouchDB 3, whose JavaScript engine is SpiderMonkey or QuickJS
 * and whose query server takes a plain function expression: so ES5 only (no let/const, arrow
 * functions or template strings; tests/unit/team/validate-doc-update.test.ts parses it as ES5),
 * no `require`, and nothing but its first three arguments. pouchdb-server passes an empty security object on
 * `_bulk_docs` (seen with 4.2.0), so the function never reads the fourth argument.
 *
 * The members and their roles are written into the function by the set-up (server-setup.ts), not
 * read from `_users`: pouchdb-server 4.2.0 lets a user rewrite the roles of their own user
 * document (tests/integration/team/roles.test.ts), and a design document only a server admin can
 * change holds on both servers.
 *
 * Invariants it holds for every writer but a server admin:
 * - the writer is a member with a role in this workspace;
 * - `comments` and `history` only grow, and every entry added names the writer as `by`;
 * - a post's content changes only by an editor (or owner), and only while it is a draft; so does a
 *   delivery's plan (account, time), never its keys, and only while nothing holds or sent it;
 * - states move draft → in_review → approved → scheduled; an approver (or a client the post is
 *   shared with) approves, or sends it back to draft with a comment;
 * - a lease is taken or renewed only by a publisher (or owner) naming themself, only on a
 *   scheduled post, and with approval required a post is scheduled only from approved;
 * - what was sent stays sent;
 * - a runner's key (`runner:<id>`) is written only by that runner's own user, a publisher; a sealed
 *   sign-in (`runner-credential:<account>`) names its writer, and only they or an owner replace or
 *   delete it (lib/team/runner-docs.ts).
 */
export interface ValidateOptions {
  requiresApproval: boolean;
  /** Each member's name and roles in this workspace. */
  roles: Record<string, readonly TeamRole[]>;
}

const BODY = `function (newDoc, oldDoc, userCtx) {
  var STATES = ['draft', 'in_review', 'approved', 'scheduled'];
  function refuse(why) {
    throw { forbidden: why };
  }
  var mine = ROLES.hasOwnProperty(userCtx.name) ? ROLES[userCtx.name] : [];
  function has(role) {
    return mine.indexOf(role) !== -1;
  }
  function isArray(value) {
    return Object.prototype.toString.call(value) === '[object Array]';
  }
  function isObject(value) {
    return value !== null && typeof value === 'object' && !isArray(value);
  }
  function same(a, b) {
    var key;
    if (a === b) return true;
    if (isArray(a) && isArray(b)) {
      if (a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
      return true;
    }
    if (!isObject(a) || !isObject(b)) return false;
    for (key in a) if (a.hasOwnProperty(key) && (!b.hasOwnProperty(key) || !same(a[key], b[key]))) return false;
    for (key in b) if (b.hasOwnProperty(key) && !a.hasOwnProperty(key)) return false;
    return true;
  }
  function grows(field) {
    var before = oldDoc && isArray(oldDoc[field]) ? oldDoc[field] : [];
    var after = newDoc[field];
    if (after.length < before.length) refuse('The ' + field + ' of a post cannot be removed.');
    for (var i = 0; i < after.length; i++) {
      if (i < before.length) {
        if (!same(after[i], before[i])) refuse('The ' + field + ' of a post cannot be edited.');
      } else if (!isObject(after[i]) || after[i].by !== userCtx.name || typeof after[i].at !== 'number') {
        refuse('A new entry in ' + field + ' must name you as its author, with a time.');
      }
    }
    return after.length - before.length;
  }

  if (userCtx.roles.indexOf('_admin') !== -1) return;
  var isOwner = has('owner');
  var isEditor = has('editor');
  var isApprover = has('approver');
  var isClient = has('client');
  var isPublisher = has('publisher');
  if (!isOwner && !isEditor && !isApprover && !isClient && !isPublisher) refuse('You have no role in this workspace.');
  if (newDoc._deleted && oldDoc && (oldDoc.type === 'runner' || oldDoc.type === 'runner-credential')) {
    if (isOwner || (oldDoc.type === 'runner' ? oldDoc.user : oldDoc.by) === userCtx.name) return;
    refuse('Only whoever wrote it, or an owner, can delete it.');
  }
  if (newDoc._deleted) {
    if (isOwner) return;
    refuse('Only an owner can delete.');
  }
  if (newDoc.type === 'row') {
    if (isOwner || isEditor) return;
    refuse('Only an owner or an editor can change the workspace.');
  }
  if (newDoc.type === 'runner') {
    if (!isPublisher && !isOwner) refuse('Only a publisher can be a runner.');
    if (newDoc.user !== userCtx.name || newDoc._id !== 'runner:' + newDoc.runnerId) refuse('A runner document names you as its user, under its own id.');
    if (oldDoc && !oldDoc._deleted && oldDoc.user !== userCtx.name) refuse('This runner belongs to another user.');
    return;
  }
  if (newDoc.type === 'runner-credential') {
    if (newDoc.by !== userCtx.name || !isObject(newDoc.account) || newDoc._id !== 'runner-credential:' + newDoc.account.id) {
      refuse('A runner credential names you as who handed it over, under the id of its account.');
    }
    if (oldDoc && !oldDoc._deleted && oldDoc.by !== userCtx.name && !isOwner) refuse('Another member handed this account over.');
    return;
  }
  if (newDoc.type !== 'post') refuse('Unknown document type.');
  if (STATES.indexOf(newDoc.state) === -1) refuse('A post has a state: draft, in_review, approved or scheduled.');
  if (!isObject(newDoc.body) || !isObject(newDoc.deliveries)) refuse('A post has a body and its deliveries.');
  if (!isArray(newDoc.sharedWith) || !isArray(newDoc.comments) || !isArray(newDoc.history)) refuse('A post has sharedWith, comments and history lists.');
  if (newDoc.review !== null && !isObject(newDoc.review)) refuse('A review is null or an object.');
  for (var id in newDoc.deliveries) {
    if (!newDoc.deliveries.hasOwnProperty(id)) continue;
    var d = newDoc.deliveries[id];
    if (!isObject(d) || (d.lease !== null && !isObject(d.lease)) || (d.sent !== null && !isObject(d.sent))) refuse('A delivery has a lease and a sent record, each null or an object.');
  }

  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  grows('comments');
  grows('history');
  if (!old) {
    if (isOwner) return;
    if (!isEditor) refuse('Only an owner or an editor can create a post.');
    if (newDoc.state !== 'draft' || newDoc.review !== null) refuse('A new post starts as a draft, unreviewed.');
    for (var newId in newDoc.deliveries) {
      if (newDoc.deliveries.hasOwnProperty(newId) && (newDoc.deliveries[newId].lease !== null || newDoc.deliveries[newId].sent !== null)) refuse('A new post has no lease and nothing sent.');
    }
    return;
  }
  if (isOwner) return;
  if (isClient && !isEditor && !isApprover && !isPublisher && old.sharedWith.indexOf(userCtx.name) === -1) refuse('This post is not shared with you.');

  var move = old.state + '>' + newDoc.state;
  var contentChanged = !same(newDoc.body, old.body) || !same(newDoc.sharedWith, old.sharedWith);
  var reviewChanged = !same(newDoc.review, old.review);
  var mayReview = isApprover || (isClient && old.sharedWith.indexOf(userCtx.name) !== -1);

  if (contentChanged && !(isEditor && old.state === 'draft' && (newDoc.state === 'draft' || newDoc.state === 'in_review'))) {
    refuse('Only an editor changes a post, and only while it is a draft.');
  }
  if (move === 'in_review>approved' || (move === 'in_review>draft' && reviewChanged)) {
    if (!mayReview) refuse('Only an approver, or a client the post is shared with, can review it.');
    var r = newDoc.review;
    if (!isObject(r) || r.by !== userCtx.name || typeof r.at !== 'number' || typeof r.comment !== 'string') refuse('A review names you, a time and a comment.');
    if (r.verdict !== (move === 'in_review>approved' ? 'approved' : 'changes_requested')) refuse('The review verdict does not match the new state.');
    if (r.verdict === 'changes_requested' && r.comment.replace(/\\s/g, '') === '') refuse('Requesting changes needs a comment saying what to change.');
  } else {
    if (reviewChanged) refuse('A review is written only when approving or requesting changes.');
    if (old.state !== newDoc.state) {
      var editorMoves = ['draft>in_review', 'in_review>draft', 'approved>draft', 'approved>scheduled', 'scheduled>approved'];
      if (!REQUIRES_APPROVAL) editorMoves.push('draft>scheduled', 'in_review>scheduled', 'scheduled>draft');
      if (!isEditor || editorMoves.indexOf(move) === -1) refuse('You cannot move this post from ' + old.state + ' to ' + newDoc.state + '.');
    }
  }

  var ids = {};
  var key;
  for (key in old.deliveries) if (old.deliveries.hasOwnProperty(key)) ids[key] = true;
  for (key in newDoc.deliveries) if (newDoc.deliveries.hasOwnProperty(key)) ids[key] = true;
  for (key in ids) {
    var before = old.deliveries[key];
    var after = newDoc.deliveries[key];
    if (same(before, after)) continue;
    if (!before || !after) {
      if (isEditor && old.state === 'draft' && !(before && (before.lease || before.sent)) && !(after && (after.lease || after.sent))) continue;
      refuse('Deliveries are added or removed by an editor, while the post is a draft.');
    }
    var replans = isEditor && old.state === 'draft' && before.lease === null && before.sent === null && after.lease === null && after.sent === null;
    if (replans && after.rkey === before.rkey && after.idempotencyKey === before.idempotencyKey) continue;
    if (!isPublisher) refuse('Only a publisher claims a delivery or records what was sent.');
    if (before.sent !== null && !same(before.sent, after.sent)) refuse('What was sent stays sent.');
    if (after.lease !== null && !same(before.lease, after.lease)) {
      if (after.lease.holder !== userCtx.name) refuse('A lease names you as its holder.');
      if (newDoc.state !== 'scheduled') refuse(REQUIRES_APPROVAL ? 'Only an approved, scheduled post can be claimed.' : 'Only a scheduled post can be claimed.');
    }
    for (var field in after) {
      if (after.hasOwnProperty(field) && field !== 'lease' && field !== 'sent' && !same(after[field], before[field])) refuse('A publisher changes only the lease and the sent record.');
    }
  }
}`;

/** The function's source, with this workspace's members and approval rule written in as literals (a design document has no other input). */
export function validateDocUpdateSource({ requiresApproval, roles }: ValidateOptions): string {
  const constants = `var ROLES = ${JSON.stringify(roles)};\n  var REQUIRES_APPROVAL = ${requiresApproval ? 'true' : 'false'};\n`;
  return BODY.replace('{\n', `{\n  ${constants}`);
}
