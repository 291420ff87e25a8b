import { describe, expect, it } from 'vitest';
import { openMediaDb } from '@/lib/compose/media-db';
import { createTemplate, deleteTemplate, fillPlaceholders, insertAt, listTemplates, renameTemplate } from '@/lib/compose/templates';
import { ValidationError } from '@/lib/errors';
import { makeClip } from '../factories';

describe('template text', () => {
  it('fills {title} {url} {author} from the clip, falling back to the site for the author', () => {
    const clip = makeClip({ title: 'A story', url: 'https://example.com/a', byline: 'Ada', siteName: 'Example' });
    expect(fillPlaceholders('New: {title} by {author} {url} {other}', clip)).toBe('New: A story by Ada https://example.com/a {other}');
    expect(fillPlaceholders('{author}', { ...clip, byline: null })).toBe('Example');
    expect(fillPlaceholders('{title}', null)).toBe('{title}');
  });

  it('fills {quote} and {quoteUrl} from a clipped selection, and the page address when the clip holds no quote', () => {
    const quote = { text: ' Ports are plain objects. ', fragmentUrl: 'https://example.com/a#:~:text=Ports%20are%20plain%20objects.' };
    const clip = makeClip({ url: 'https://example.com/a', quote });
    expect(fillPlaceholders('“{quote}” {quoteUrl}', clip)).toBe('“Ports are plain objects.” https://example.com/a#:~:text=Ports%20are%20plain%20objects.');
    expect(fillPlaceholders('[{quote}] {quoteUrl}', { ...clip, quote: null })).toBe('[] https://example.com/a');
  });

  it('inserts at the caret or over the selection', () => {
    expect(insertAt('Hello world', 6, 6, 'big ')).toEqual({ text: 'Hello big world', caret: 10 });
    expect(insertAt('Hello world', 6, 11, 'there')).toEqual({ text: 'Hello there', caret: 11 });
    expect(insertAt('Hi', 99, 99, '!')).toEqual({ text: 'Hi!', caret: 3 });
  });
});

describe('stored templates', () => {
  it('are created, listed per workspace by name, renamed and deleted', async () => {
    const db = openMediaDb();
    const weekly = await createTemplate({ workspaceId: 'ws_1', name: 'Weekly', text: 'This week: {title} {url}' }, 1, db);
    await createTemplate({ workspaceId: 'ws_1', name: 'Ask', text: 'What do you think?' }, 2, db);
    await createTemplate({ workspaceId: 'ws_2', name: 'Other client', text: 'x' }, 3, db);
    expect((await listTemplates('ws_1', db)).map((t) => t.name)).toEqual(['Ask', 'Weekly']);

    await renameTemplate(weekly.id, ' Roundup ', 4, db);
    expect((await listTemplates('ws_1', db)).map((t) => [t.name, t.updatedAt])).toEqual([
      ['Ask', 2],
      ['Roundup', 4],
    ]);
    await deleteTemplate(weekly.id, db);
    expect((await listTemplates('ws_1', db)).map((t) => t.name)).toEqual(['Ask']);
  });

  it('refuse an empty name or empty text, and say so', async () => {
    const db = openMediaDb();
    await expect(createTemplate({ workspaceId: 'ws_1', name: ' ', text: 'x' }, 1, db)).rejects.toThrow(ValidationError);
    await expect(createTemplate({ workspaceId: 'ws_1', name: 'A', text: '  ' }, 1, db)).rejects.toThrow(/Write some text first/);
    await expect(renameTemplate('tpl_missing', 'B', 1, db)).rejects.toThrow(/no longer exists/);
    expect(await listTemplates('ws_1', db)).toEqual([]);
  });

  it('skip a row that does not match the schema instead of trusting it', async () => {
    const db = await openMediaDb();
    await db.put('templates', { id: 'tpl_bad', workspaceId: 'ws_1', name: 42 });
    await createTemplate({ workspaceId: 'ws_1', name: 'Good', text: 'ok' }, 1, db);
    expect((await listTemplates('ws_1', db)).map((t) => t.name)).toEqual(['Good']);
  });
});
