import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@/lib/capture/sanitize';
import { WARNINGS } from '@/lib/capture/warnings';
import { clipCaptureSchema } from '@/lib/model';
import { CORPUS, EXTRA_PAGES, extraPageNames, withoutWhitespace as flat } from '../../harness/corpus-server';
import { captureIn, loadPage } from './load-page';

/**
 * Mozilla Readability's test pages (docs/architecture.md, "Data at hand"), kept beside the repository in
 * shared/corpus (found by tests/harness/corpus-server.ts). Every fifth page in name order is checked: a fixed, spread-out subset, so a
 * change that breaks some kind of page shows up and the run stays quick. Readability's own tests
 * load each page at this URL; the expected metadata was made with it.
 */
const PAGE_URL = 'http://fakehost/test/page.html';
const STRIDE = Number(process.env.CORPUS_STRIDE ?? 5);

/**
 * Where we knowingly differ from the corpus, with the value we produce instead: the test checks
 * that value, so a fix (or a Readability upgrade) shows up as a failure asking to drop the entry.
 */
const KNOWN_DIFFERENCES: Record<string, { title: string; why: string }> = {
  'title-en-dash': {
    title: 'Lorem ipsum dolor sit amet – My website',
    why: 'Readability 0.6.0 splits titles only at | - \\ / > »; the corpus expects a later release that also splits at en dashes.',
  },
  ol: { title: PAGE_URL, why: 'The page has no title at all: a clip is then titled by its address (lib/capture/page-meta.ts).' },
};

/** Markup as the HTML parser reads it back into a page's body: what a sanitizer of strings starts from. */
function reparsed(html: string, doc: Document): string {
  const host = doc.implementation.createHTMLDocument('').createElement('div');
  host.innerHTML = html;
  return host.innerHTML;
}

const names = existsSync(CORPUS) ? readdirSync(CORPUS).sort() : [];
const subset = names.filter((_, index) => index % STRIDE === 0);

interface ExpectedMetadata {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  readerable: boolean;
}

describe('article extractor on the Readability corpus', () => {
  it('finds the corpus beside the repository', () => {
    expect(names.length, `no pages under ${CORPUS}`).toBeGreaterThan(50);
    expect(subset.length).toBeGreaterThanOrEqual(15);
  });

  // Every extra page (tests/fixtures/readability-pages: shapes the reader-view pre-check refuses, issue 25).
  it.each([...subset.map((name) => [name, join(CORPUS, name)]), ...extraPageNames().map((name) => [name, join(EXTRA_PAGES, name)])])(
    '%s',
    async (name, dir) => {
      const expected = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata;
      const page = loadPage(readFileSync(join(dir, 'source.html'), 'utf8'), PAGE_URL);
      const reference = loadPage(`<body>${readFileSync(join(dir, 'expected.html'), 'utf8')}</body>`, PAGE_URL);
      try {
        const clip = clipCaptureSchema.parse(captureIn(page.doc, { kind: 'page', pageUrl: PAGE_URL }));
        // No pre-check decides (issue 25): a page Readability reads any text from is kept as an
        // article, whatever isProbablyReaderable says of it (`expected.readerable`).
        if (!/\S/.test(reference.doc.body.textContent ?? '')) {
          expect(clip.kind).toBe('link');
          expect(clip.warnings).toEqual([WARNINGS.notReaderable]);
          return;
        }
        expect(clip.kind).toBe('article');
        expect(clip.warnings).toEqual([]);
        expect(clip.title).toBe(KNOWN_DIFFERENCES[name]?.title ?? expected.title ?? '');
        expect(clip.byline).toBe(expected.byline);
        expect(clip.excerpt).toBe(expected.excerpt ?? '');
        const want = flat(reference.doc.body.textContent ?? '');
        const got = flat(clip.text);
        expect(got.slice(0, 200)).toBe(want.slice(0, 200));
        expect(Math.abs(got.length - want.length) / want.length).toBeLessThan(0.02);
        expect(clip.readingMinutes).toBeGreaterThan(0);
        expect(clip.html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
        // Cleaned by lib/capture/clean-article.ts (in the offscreen document, in the product): the string sanitizer finds nothing left to take out.
        expect(sanitizeHtml(clip.html, page.win), 'nothing for the sanitizer to remove').toBe(reparsed(clip.html, page.doc));
      } finally {
        await page.close();
        await reference.close();
      }
    },
  );
});
