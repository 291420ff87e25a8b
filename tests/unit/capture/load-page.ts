import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { cleanArticleMarkup } from '@/lib/capture/clean-article';
import { extractClip } from '@/lib/capture/extract-clip';
import type { CaptureRequest } from '@/lib/capture/extractor';
import { finishClip } from '@/lib/capture/finish-clip';
import type { SanitizerWindow } from '@/lib/capture/sanitize';
import type { ClipCapture } from '@/lib/model';
import { applyStandardDomShims } from './happy-dom-shims';

export interface LoadedPage {
  doc: Document;
  win: SanitizerWindow;
  close: () => Promise<void>;
}

/** A happy-dom window at `url`, with no script run and nothing fetched (hermetic tests). */
export function createWindow(url: string): Window {
  const win = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  applyStandardDomShims(win);
  return win;
}

export function loadPage(html: string, url: string): LoadedPage {
  const win = createWindow(url);
  win.document.write(html);
  return {
    doc: win.document as unknown as Document,
    win: win as unknown as SanitizerWindow,
    close: () => win.happyDOM.close(),
  };
}

/**
 * The address a browser's "Save page as" writes at the top: `<!-- saved from url=(0042)https://… -->`,
 * or the one Defuddle's test pages carry, `<!-- {"url": "https://…"} -->` (tests/fixtures/README.md).
 */
export function savedFromUrl(html: string): string | null {
  return /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/.exec(html)?.[1] ?? /<!--\s*\{\s*"url"\s*:\s*"([^"]+)"\s*\}\s*-->/.exec(html)?.[1] ?? null;
}

/**
 * A clip as the product makes it: read in the page (/capture.js), then finished in the extension,
 * the article's markup cleaned in a document of its own (lib/platform/article-cleaner.ts).
 */
export function captureIn(doc: Document, request: CaptureRequest): ClipCapture {
  const read = extractClip(doc, request);
  return finishClip(read, read.article && cleanArticleMarkup(read.article.html, doc));
}

const SAVED_FROM = JSON.parse(readFileSync(new URL('../../fixtures/saved-from.json', import.meta.url), 'utf8')) as Record<string, string>;

/** Where a fixture of tests/fixtures was saved from: its own comment, else saved-from.json (tests/fixtures/README.md). */
export function fixturePageUrl(fileName: string, html: string): string | null {
  return savedFromUrl(html) ?? SAVED_FROM[fileName] ?? null;
}
