import { XRPCError, type AtpAgent } from '@atproto/api';
import { resolveFacets } from '../../compose/facets';
import { ValidationError } from '../../errors';
import type { PublishInput, PublishPart, PublishResult, ReconcileResult, RemoteRef } from '../types';
import { threadRkey } from '../tid';
import { postUrl } from './convert';
import { POST_COLLECTION, strongRef } from './refs';
import { selfLabels, writeGates } from './gates';
import { quoteRef } from './quote';
import type { BlueskySession } from './session';

/**
 * Publishing posts and threads exactly once. Invariants:
 * - part i is written with rkey `threadRkey(input.rkey, i)`, chosen before the first attempt, so
 *   a retry can only meet its own earlier write, never make a second post;
 * - a create that fails while the record exists (the earlier attempt landed, its answer was lost)
 *   is read back and counted as accepted;
 * - part i > 0 replies to part i − 1, with the thread's root (part 0, or the replied-to root);
 *   the first comment (the last part, `isComment`, issue 22) replies to part 0;
 * - `onPart` runs after each accepted part, before the next is sent;
 * - part 0 carries the quote (`embed.record`, refused when its author disallows quotes: quote.ts)
 *   and the self-labels; its threadgate and postgate are written just before it (gates.ts).
 */

export interface Context {
  session: BlueskySession;
  now: () => number;
}

const MAX_IMAGES = 4;
const MAX_IMAGE_BYTES = 1_000_000;

type StrongRef = { uri: string; cid: string };

function checkPart(part: PublishPart, index: number): void {
  if (part.media.length > MAX_IMAGES) throw new ValidationError(`Post ${index + 1} has ${part.media.length} images; Bluesky takes ${MAX_IMAGES}.`);
  for (const media of part.media) {
    if (media.bytes.byteLength > MAX_IMAGE_BYTES) {
      throw new ValidationError(`An image in post ${index + 1} is ${Math.ceil(media.bytes.byteLength / 1000)} KB; Bluesky takes up to 1,000 KB.`);
    }
  }
}

function requireRkey(rkey: string | null): string {
  if (rkey === null) throw new ValidationError('A Bluesky post needs a record key chosen before publishing; this delivery has none.');
  return rkey;
}

async function resolveHandle(agent: AtpAgent, handle: string): Promise<string | null> {
  try {
    return (await agent.com.atproto.identity.resolveHandle({ handle })).data.did;
  } catch (error) {
    // An unknown handle stays plain text, as in the Bluesky app; other failures are real.
    if (error instanceof XRPCError && error.status === 400) return null;
    throw error;
  }
}

async function buildEmbed(agent: AtpAgent, part: PublishPart, beforeRequest: () => Promise<void>) {
  if (part.media.length > 0) {
    // Images and a link card cannot share a post (one embed per record): the images win and
    // the link stays a link in the text.
    const images = [];
    for (const media of part.media) {
      await beforeRequest();
      const { data } = await agent.uploadBlob(media.bytes, { encoding: media.mime });
      const aspectRatio = media.width && media.height ? { width: media.width, height: media.height } : undefined;
      images.push({ image: data.blob, alt: media.alt, ...(aspectRatio ? { aspectRatio } : {}) });
    }
    return { $type: 'app.bsky.embed.images', images };
  }
  if (part.link) {
    const thumb = part.link.thumb ? (await agent.uploadBlob(part.link.thumb.bytes, { encoding: part.link.thumb.mime })).data.blob : undefined;
    const external = { uri: part.link.url, title: part.link.title, description: part.link.description, ...(thumb ? { thumb } : {}) };
    return { $type: 'app.bsky.embed.external', external };
  }
  return undefined;
}

/** A quote alone is `embed.record`; with images or a card, `embed.recordWithMedia` (lexicon app.bsky.embed.recordWithMedia). */
function withQuote(embed: Awaited<ReturnType<typeof buildEmbed>>, quoted: StrongRef | null) {
  if (!quoted) return embed;
  const record = { $type: 'app.bsky.embed.record', record: quoted };
  return embed ? { $type: 'app.bsky.embed.recordWithMedia', record, media: embed } : record;
}

/** The record at `rkey` in our repo, or null when there is none. */
async function readBack(agent: AtpAgent, repo: string, rkey: string): Promise<StrongRef | null> {
  try {
    const { data } = await agent.com.atproto.repo.getRecord({ repo, collection: POST_COLLECTION, rkey });
    return data.cid ? { uri: data.uri, cid: data.cid } : null;
  } catch (error) {
    if (error instanceof XRPCError && (error.status === 400 || error.status === 404)) return null;
    throw error;
  }
}

async function createPart(agent: AtpAgent, repo: string, rkey: string, record: Record<string, unknown>): Promise<StrongRef> {
  try {
    const { data } = await agent.com.atproto.repo.createRecord({ repo, collection: POST_COLLECTION, rkey, record });
    return { uri: data.uri, cid: data.cid };
  } catch (error) {
    // The PDS refuses a second create at the same key; if the record is there, this is the
    // retry of a create that landed.
    const isRefusal = error instanceof XRPCError && error.status >= 400 && error.status !== 401 && error.status !== 429;
    if (isRefusal) {
      const existing = await readBack(agent, repo, rkey);
      if (existing) return existing;
    }
    throw error;
  }
}

export async function publish({ session, now }: Context, input: PublishInput): Promise<PublishResult> {
  const rkey = requireRkey(input.rkey);
  if (input.parts.length === 0) throw new ValidationError('There is nothing to publish.');
  input.parts.forEach(checkPart);
  const { did, handle } = await session.account();
  const refs: RemoteRef[] = [...input.done];
  const strong: StrongRef[] = input.done.map((ref) => ({ uri: ref.id, cid: ref.cid ?? '' }));

  for (let index = input.done.length; index < input.parts.length; index++) {
    const part = input.parts[index]!;
    await input.beforeRequest?.();
    const created = await session.call(async (agent) => {
      if (strong.some((ref) => !ref.cid)) {
        for (let i = 0; i < strong.length; i++) strong[i] = await strongRef(agent, refs[i]!);
      }
      const reply = await replyRefs(agent, input, strong, part.isComment ? 1 : index);
      const facets = await resolveFacets(part.text, (h) => resolveHandle(agent, h));
      const isFirst = index === 0;
      const quoted = isFirst && input.quote ? await quoteRef(agent, input.quote.url) : null;
      const embed = withQuote(await buildEmbed(agent, part, async () => input.beforeRequest?.()), quoted);
      const labels = isFirst ? selfLabels(input.bluesky) : undefined;
      const createdAt = new Date(now()).toISOString();
      const partRkey = threadRkey(rkey, index);
      if (isFirst && input.bluesky)
        await writeGates(agent, did, partRkey, input.bluesky, `at://${did}/${POST_COLLECTION}/${partRkey}`, createdAt, async () => input.beforeRequest?.());
      const record = {
        $type: POST_COLLECTION,
        text: part.text,
        createdAt,
        ...(facets.length > 0 ? { facets } : {}),
        ...(input.lang ? { langs: [input.lang] } : {}),
        ...(reply ? { reply } : {}),
        ...(embed ? { embed } : {}),
        ...(labels ? { labels } : {}),
      };
      await input.beforeRequest?.();
      return createPart(agent, did, partRkey, record);
    });
    const ref: RemoteRef = { id: created.uri, url: postUrl(created.uri, handle), cid: created.cid };
    refs.push(ref);
    strong.push(created);
    await input.onPart?.(index, ref);
  }
  return { parts: refs, serverScheduled: false };
}

async function replyRefs(agent: AtpAgent, input: PublishInput, done: StrongRef[], index: number) {
  if (index === 0) {
    if (!input.replyTo) return undefined;
    return { root: await strongRef(agent, input.replyTo.root), parent: await strongRef(agent, input.replyTo.parent) };
  }
  const root = input.replyTo ? await strongRef(agent, input.replyTo.root) : done[0]!;
  return { root, parent: done[index - 1]! };
}

export async function reconcile(
  { session }: Context,
  input: Pick<PublishInput, 'parts' | 'idempotencyKey' | 'rkey' | 'done'> & { since: number },
): Promise<ReconcileResult> {
  const rkey = requireRkey(input.rkey);
  const { did, handle } = await session.account();
  const parts: RemoteRef[] = [];
  for (let index = 0; index < input.parts.length; index++) {
    const found = await session.call((agent) => readBack(agent, did, threadRkey(rkey, index)));
    if (!found) break;
    parts.push({ id: found.uri, url: postUrl(found.uri, handle), cid: found.cid });
  }
  return { parts, certain: true };
}
