import { z } from 'zod';
import { cleanArticleMarkup, type CleanArticle } from '../capture/clean-article';
import type { SenderInfo } from '../messaging/sender';

/**
 * Where an article's markup is cleaned (lib/capture/clean-article.ts): somewhere with a DOM that
 * is the extension's own, not the page's (the page only reads, lib/capture/article.ts).
 * - Firefox: the background page has a document; it cleans there.
 * - Chrome: the service worker has none, so an offscreen document (reason DOM_PARSER) does it.
 *   It is opened on the first article clip and closed after OFFSCREEN_IDLE_MS without one, so a
 *   day of clipping opens it a few times and an idle browser holds no document for Cadence.
 * Either way the cleaner rejects rather than hangs: finish-clip.ts then keeps the words without
 * the formatting and says so.
 */
export type ArticleCleaner = (html: string) => Promise<CleanArticle>;

export const OFFSCREEN_PATH = '/offscreen.html';
// Under the 30 s after which Chrome stops an idle service worker: a timer of a stopped worker never fires.
export const OFFSCREEN_IDLE_MS = 20_000;
/** Longer than any article takes to clean (the slowest corpus page: under 10 ms) by far. */
export const OFFSCREEN_TIMEOUT_MS = 10_000;
const JUSTIFICATION = 'Cleans the markup of a clipped article (an allow-list walk of a parsed tree) before it is stored.';

/** The one message the offscreen document answers; `target` keeps it apart from the worker's protocol. */
export const cleanArticleRequestSchema = z.object({ target: z.literal('offscreen'), type: z.literal('clean-article'), html: z.string() });
const cleanArticleReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), html: z.string(), text: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
type CleanArticleReply = z.infer<typeof cleanArticleReplySchema>;

/** Chrome's offscreen and runtime.getContexts, which the polyfill does not type. */
export interface OffscreenApi {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  /** runtime.getContexts narrowed to offscreen documents at `url`. */
  hasDocument(url: string): Promise<boolean>;
  /** runtime.sendMessage */
  send(message: unknown): Promise<unknown>;
  /** runtime.getURL */
  url(path: string): string;
}

interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
const REAL_TIMERS: Timers = { set: (run, ms) => setTimeout(run, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

/** The cleaner for the context this runs in (the background). */
export function articleCleaner(): ArticleCleaner {
  if (typeof document !== 'undefined' && document.implementation) return inDocument(document);
  const chromeApi = (globalThis as { chrome?: ChromeOffscreen }).chrome;
  if (chromeApi?.offscreen && chromeApi.runtime?.getContexts) return offscreenCleaner(realOffscreenApi(chromeApi));
  return () => Promise.reject(new Error('This browser gives Cadence no document to clean an article in.'));
}

/** Cleans in `doc`'s own realm, in a document made for it: no browsing context, so no script runs and nothing loads. */
export function inDocument(doc: Document): ArticleCleaner {
  return async (html) => cleanArticleMarkup(html, doc);
}

/**
 * Opens the offscreen document when asked to clean and none is open (one at a time: Chrome allows
 * one per extension), sends it the markup, checks the answer, and closes the document once it has
 * been idle for `idleMs`. A close under way is waited for before a new open.
 */
export function offscreenCleaner(
  api: OffscreenApi,
  { idleMs = OFFSCREEN_IDLE_MS, timeoutMs = OFFSCREEN_TIMEOUT_MS, timers = REAL_TIMERS } = {},
): ArticleCleaner {
  const url = api.url(OFFSCREEN_PATH);
  let opening: Promise<void> | null = null;
  let closing: Promise<void> | null = null;
  let idle: unknown = null;
  let inFlight = 0;

  const open = () =>
    (opening ??= (async () => {
      if (closing) await closing;
      if (await api.hasDocument(url)) return;
      try {
        await api.createDocument({ url: OFFSCREEN_PATH, reasons: ['DOM_PARSER'], justification: JUSTIFICATION });
      } catch (error) {
        // Another caller's document (a second worker instance racing this one) is as good as ours.
        if (!(await api.hasDocument(url))) throw error;
      }
    })().finally(() => {
      opening = null;
    }));

  const closeWhenIdle = () => {
    if (inFlight > 0) return;
    idle = timers.set(() => {
      idle = null;
      if (inFlight > 0) return;
      closing = api
        .closeDocument()
        .catch(() => undefined) // Already closed: nothing to do.
        .finally(() => {
          closing = null;
        });
    }, idleMs);
  };

  return async (html) => {
    inFlight += 1;
    if (idle !== null) timers.clear(idle);
    idle = null;
    try {
      await open();
      const reply = await withTimeout(api.send(cleanArticleRequestSchema.parse({ target: 'offscreen', type: 'clean-article', html })), timeoutMs);
      const parsed = cleanArticleReplySchema.safeParse(reply);
      if (!parsed.success) throw new Error('The offscreen document gave no cleaned article.');
      if (!parsed.data.ok) throw new Error(parsed.data.error);
      return { html: parsed.data.html, text: parsed.data.text };
    } finally {
      inFlight -= 1;
      closeWhenIdle();
    }
  };
}

/**
 * The offscreen document's listener: answers a clean-article request from the service worker and
 * nothing else. Any other message returns undefined, so whoever it is for answers it; a request
 * from anyone but the worker gets a refusal, never a cleaned article.
 */
export function answerCleanArticle(
  message: unknown,
  sender: SenderInfo,
  self: { id: string; workerUrl: string },
  doc: Document,
): Promise<CleanArticleReply> | undefined {
  const request = cleanArticleRequestSchema.safeParse(message);
  if (!request.success) return undefined;
  if (sender.id !== self.id || sender.url !== self.workerUrl || sender.tab) {
    return Promise.resolve({ ok: false, error: 'Only the Cadence service worker may ask for an article to be cleaned.' });
  }
  try {
    return Promise.resolve({ ok: true, ...cleanArticleMarkup(request.data.html, doc) });
  } catch (error) {
    return Promise.resolve({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The offscreen document did not answer within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface ChromeOffscreen {
  offscreen?: { createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>; closeDocument(): Promise<void> };
  runtime?: {
    getContexts?(filter: { contextTypes: string[]; documentUrls: string[] }): Promise<unknown[]>;
    sendMessage(message: unknown): Promise<unknown>;
    getURL(path: string): string;
  };
}

function realOffscreenApi(chromeApi: ChromeOffscreen): OffscreenApi {
  const { offscreen, runtime } = chromeApi as Required<ChromeOffscreen>;
  return {
    createDocument: (parameters) => offscreen.createDocument(parameters),
    closeDocument: () => offscreen.closeDocument(),
    hasDocument: async (url) => ((await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })) ?? []).length > 0,
    send: (message) => runtime.sendMessage(message),
    url: (path) => runtime.getURL(path),
  };
}
