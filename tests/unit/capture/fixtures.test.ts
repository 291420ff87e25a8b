import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_EXTRACTORS } from '@/lib/capture/registry';
import { WARNINGS } from '@/lib/capture/warnings';
import { clipCaptureSchema } from '@/lib/model';
import { captureIn, fixturePageUrl, loadPage } from './load-page';

/**
 * Golden capture fixtures: tests/fixtures/<site>--<slug>.html, saved pages whose first comment
 * says where they were saved from (or, for pages copied unchanged that carry none, saved-from.json
 * beside them: tests/fixtures/README.md), each with <name>.expected.json beside it. Baselines are
 * written only with UPDATE_FIXTURES=1, never silently; a missing baseline fails. A failure names
 * the fields that changed (issue 25: when a site's markup changes, say which fields it broke).
 */
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const isUpdating = process.env.UPDATE_FIXTURES === '1';
const pages = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.html'))
  .sort();

/** The paths (`post.counts.likes`, `text`) at which two JSON values differ. */
function changedFields(got: unknown, want: unknown, path = ''): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(got) && isObject(want)) {
    return [...new Set([...Object.keys(want), ...Object.keys(got)])].flatMap((key) => changedFields(got[key], want[key], path ? `${path}.${key}` : key));
  }
  return JSON.stringify(got) === JSON.stringify(want) ? [] : [path || '(whole clip)'];
}

function capture(name: string) {
  const html = readFileSync(join(FIXTURES, name), 'utf8');
  const pageUrl = fixturePageUrl(name, html);
  if (!pageUrl) throw new Error(`${name} has no "<!-- saved from url=(…)… -->" comment and no entry in saved-from.json`);
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
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as unknown;
    const changed = changedFields(result, expected);
    expect(changed, `${name}: the extractor reads these fields differently now (a markup change?): ${changed.join(', ')}`).toEqual([]);
  });

  it('has a fixture for every site extractor', () => {
    for (const extractor of SITE_EXTRACTORS) {
      expect(
        pages.some((name) => name.startsWith(`${extractor.id}--`)),
        `no tests/fixtures/${extractor.id}--*.html`,
      ).toBe(true);
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
