import { countFor } from '../compose/count';
import { NetworkError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import type { Account, Delivery } from '../model';
import { NETWORK_NAMES } from '../model/network-names';
import type { NetworkAdapter, RemoteRef } from '../networks';
import type { PublisherDeps } from './deps';
import { canEditOnNetwork, isOnNetwork } from '../schedule/on-network';
import { shownWords } from './sent';

/**
 * After publishing (issue 17): deleting a published post from its network, and editing its text
 * there (Mastodon; Bluesky records have no edit). Invariants:
 * - only a post that is on the network through the API is offered either: not a reminder the
 *   user posted by hand, not a hand-off the server still holds (its ref has no URL yet);
 * - the network is asked first; the row changes only once it agreed, in one read-check-write
 *   that expects the delivery still `published`;
 * - a delete is idempotent: a post already gone counts as deleted (both adapters say so), so a
 *   worker stopped between the request and the write is put right by deleting again;
 * - the record of what went out (`sent`) is never rewritten: a delete sets `deletedAt`, an edit
 *   appends the words the network shows now to `edits`, even when only part of a thread took it.
 */
type Deps = Pick<PublisherDeps, 'store' | 'now' | 'adapterFor'>;

export async function deleteFromNetwork(deps: Deps, id: string): Promise<Delivery> {
  const delivery = await load(deps, id);
  if (delivery.state === 'deleted') return delivery;
  const name = NETWORK_NAMES[delivery.network];
  if (delivery.method === 'reminder' && delivery.state === 'published')
    throw new ValidationError(`You posted this on ${name} yourself, so Cadence cannot delete it there: delete it on ${name}.`);
  if (!isOnNetwork(delivery)) throw new ValidationError(`This post is not out on ${name}, so there is nothing to delete there.`);
  const { adapter } = await adapterOf(deps, delivery, `delete the post on ${name} itself`);
  // The last reply first: a thread stopped half way still reads from its start.
  try {
    for (const ref of [...refsOf(delivery)].reverse()) await adapter.remove(ref);
  } catch (error) {
    throw untried(error, name, 'deleted', `Delete from ${name}`);
  }
  return settle(deps, id, (current) =>
    current.state === 'deleted' ? current : { ...current, state: 'deleted', deletedAt: deps.now(), updatedAt: deps.now() },
  );
}

/** `texts`: the new text of each part, in order, as many as went out. */
export async function editOnNetwork(deps: Deps, id: string, texts: readonly string[]): Promise<Delivery> {
  const delivery = await load(deps, id);
  if (delivery.network !== 'mastodon')
    throw new ValidationError(`${NETWORK_NAMES[delivery.network]} does not let a post be edited once it is out: delete it and post it again.`);
  if (!canEditOnNetwork(delivery))
    throw new ValidationError(`This post is ${delivery.state === 'deleted' ? 'deleted' : 'not out on Mastodon'}, so it cannot be edited there.`);
  const refs = refsOf(delivery);
  if (texts.length !== refs.length)
    throw new ValidationError(`This post went out in ${refs.length} part${refs.length === 1 ? '' : 's'}: give the text of each.`);
  const { adapter, account } = await adapterOf(deps, delivery, 'edit the post on Mastodon itself');
  const before = shownWords(delivery, null).parts;
  refuseBadTexts(texts, before, account);
  const edit = adapter.edit?.bind(adapter);
  if (!edit) throw new ValidationError('This network does not let a post be edited once it is out.');
  const shown = [...before];
  try {
    for (const [index, ref] of refs.entries()) {
      if (texts[index] === before[index]) continue;
      await edit(ref, texts[index]!);
      shown[index] = texts[index]!;
    }
  } catch (error) {
    const taken = shown.filter((text, index) => text !== before[index]).length;
    throw untried(
      error,
      'Mastodon',
      taken === 0 ? 'edited' : `edited past the ${taken} part${taken === 1 ? '' : 's'} it took (the Calendar shows them)`,
      'Save edit',
      taken === 0,
    );
  } finally {
    // What the network took is recorded even when a later part failed: the chip must say what is out.
    if (shown.some((text, index) => text !== before[index])) {
      await settle(deps, id, (current) => ({ ...current, edits: [...(current.edits ?? []), { at: deps.now(), parts: shown }], updatedAt: deps.now() }));
    }
  }
  return load(deps, id);
}

function refuseBadTexts(texts: readonly string[], before: readonly string[], account: Account): void {
  if (texts.every((text, index) => text === before[index])) throw new ValidationError('Nothing changed: change the text, then save the edit.');
  const label = (index: number) => (texts.length === 1 ? 'The post' : `Part ${index + 1}`);
  texts.forEach((text, index) => {
    if (text.trim() === '') throw new ValidationError(`${label(index)} is empty: write something, or delete the post instead.`);
    const count = countFor('mastodon', text, account.limits);
    if (count.over)
      throw new ValidationError(`${label(index)} is ${count.used} characters; @${account.handle} allows ${count.limit}. Shorten it, then save the edit.`);
  });
}

/**
 * A failure in words for an action the user asked for just now: the adapters' messages promise
 * that Cadence tries again, which holds for publishing, not here, where the user chooses again.
 */
function untried(error: unknown, name: string, what: string, control: string, isUnchanged = true): unknown {
  if (error instanceof RateLimitedError) {
    return new RateLimitedError(
      `${name} asks Cadence to slow down, so the post was not ${what}. Choose ${control} again after ${new Date(error.retryAt).toLocaleTimeString()}.`,
      error.retryAt,
    );
  }
  if (!(error instanceof NetworkError)) return error;
  return new NetworkError(
    error.status
      ? `${name} had a problem (${error.status}), so the post was not ${what}. ${isUnchanged ? 'Nothing changed; choose' : 'Choose'} ${control} again in a moment.`
      : `${name} could not be reached, so the post was not ${what}. Check the connection, then choose ${control} again.`,
    error.status,
  );
}

function refsOf(delivery: Delivery): RemoteRef[] {
  return delivery.parts.length > 0 ? delivery.parts : delivery.remote ? [delivery.remote] : [];
}

async function load(deps: Deps, id: string): Promise<Delivery> {
  const row = await deps.store.deliveries.get(id);
  if (!row) throw new NotFoundError('That post is no longer in Cadence.');
  if (!row.ok) throw new ValidationError(`This post's record could not be read (${row.reason}), so Cadence leaves it as it is.`);
  return row.value;
}

async function adapterOf(deps: Deps, delivery: Delivery, instead: string): Promise<{ adapter: NetworkAdapter; account: Account }> {
  const row = await deps.store.accounts.get(delivery.accountId);
  if (!row?.ok) throw new NotFoundError(`The account of this post was removed from Cadence: ${instead}.`);
  return { adapter: deps.adapterFor(row.value), account: row.value };
}

/** The write after the network agreed: only onto a delivery still published (or deleted already, for a repeat). */
async function settle(deps: Deps, id: string, change: (current: Delivery) => Delivery): Promise<Delivery> {
  const written = await deps.store.deliveries.update(id, (current) =>
    current && (current.state === 'published' || current.state === 'deleted') ? change(current) : undefined,
  );
  if (!written) throw new NotFoundError('The post changed in Cadence meanwhile; the Calendar shows where it stands.');
  return written;
}
