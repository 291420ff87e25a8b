import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_EXTRACTORS } from '@/lib/capture/registry';
import { WARNINGS } from '@/lib/capture/warnings';
import { clipCaptureSchema } from '@/lib/model';
import { captureIn, loadPage, savedFromUrl } from './load-page';

/**
 * Golden capture fixtures: tests/fixtures/<site>--<slug>.html, saved pages whose first comment
 * says where they were saved from, each with <name>.expected.json beside it. Baselines are
 * written only with UPDATE_FIXTURES=1, never silently; a missing baseline fails.
 */
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const isUpdating = process.env.UPDATE_FIXTURES === '1';
const pages = readdirSync(FIXTURES).filter((name) => name.endsWith('.html')).sort();

function capture(name: string) {
  const html = readFileSync(join(FIXTURES, name), 'utf8');
  const pageUrl = savedFromUrl(html);
  if (!pageUrl) throw new Error(`${name} has no "<!-- saved from url=(…)… -->" comment`);
  const page = loadPage(html, pageUrl);
  try {
    return clipCaptureSchema.parse(captureIn(page.doc, { kind: 'page', pageUrl }));
  } finally {
    void page.close();
  }
}

describe('capture fixtures', () => {
  it.each(pages)('%s', (name) => {
    const result = capture(name);
    const expectedPath = join(FIXTURES, name.replace(/\.html$/, '.expected.json'));
    if (isUpdating) writeFileSync(expectedPath, `${JSON.stringify(result, null, 2)}\n`);
    expect(existsSync(expectedPath), `no baseline for ${name}: run with UPDATE_FIXTURES=1 and review it`).toBe(true);
    expect(result).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });

  it('has a fixture for every site extractor', () => {
    for (const extractor of SITE_EXTRACTORS) {
      expect(pages.some((name) => name.startsWith(`${extractor.id}--`)), `no tests/fixtures/${extractor.id}--*.html`).toBe(true);
    }
  });

  it('reads a post from every site fixture, except the ones named as unrecognized', () => {
    for (const name of pages.filter((page) => SITE_EXTRACTORS.some((extractor) => page.startsWith(`${extractor.id}--`)))) {
      const result = capture(name);
      if (name.includes('unrecognized')) {
        expect(result.kind).toBe('link');
        expect(result.warnings).toEqual([WARNINGS.socialUnreadable]);
      } else {
        expect(result.kind, name).toBe('social-post');
        expect(result.post?.authorHandle, name).toBeTruthy();
        expect(result.warnings, name).toEqual([]);
      }
    }
  });
});
