import { ValidationError } from '../errors';
import { newId, type Clip } from '../model';
import { mediaDb, templateSchema, type MediaDb, type Template } from './media-db';

/**
 * Templates and saved snippets: text with {title} {url} {author} {quote} {quoteUrl} placeholders,
 * filled from the clip a post starts from. Stored in the composer's own database (media-db.ts),
 * per workspace. {quote} is a clipped selection's words and {quoteUrl} the link that scrolls to
 * them (issue 17); a clip without a quote gives no words and its page's address.
 */

export const PLACEHOLDERS = ['title', 'url', 'author', 'quote', 'quoteUrl'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER = new RegExp(`\\{(${PLACEHOLDERS.join('|')})\\}`, 'g');

/** Fills the placeholders from the clip; without a clip they stay as typed, for the user to replace. */
export function fillPlaceholders(text: string, clip: Pick<Clip, 'title' | 'url' | 'byline' | 'siteName' | 'quote'> | null): string {
  if (!clip) return text;
  const values: Record<Placeholder, string> = {
    title: clip.title.trim(),
    url: clip.url,
    author: clip.byline?.trim() || clip.siteName?.trim() || '',
    quote: clip.quote?.text.trim() ?? '',
    quoteUrl: clip.quote?.fragmentUrl ?? clip.url,
  };
  return text.replace(PLACEHOLDER, (_, name: Placeholder) => values[name]);
}

/** `text` with `snippet` put in place of the selection [start, end); the caret lands after it. */
export function insertAt(text: string, start: number, end: number, snippet: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + snippet + text.slice(to), caret: from + snippet.length };
}

type Db = MediaDb | Promise<MediaDb>;

export async function listTemplates(workspaceId: string, db: Db = mediaDb()): Promise<Template[]> {
  const rows = await (await db).getAll('templates');
  return rows
    .flatMap((row) => {
      const parsed = templateSchema.safeParse(row);
      return parsed.success && parsed.data.workspaceId === workspaceId ? [parsed.data] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function createTemplate(input: { workspaceId: string; name: string; text: string }, now: number, db: Db = mediaDb()): Promise<Template> {
  const name = input.name.trim();
  if (name === '') throw new ValidationError('Give the template a name.');
  if (input.text.trim() === '') throw new ValidationError('Write some text first; a template is made from the text in the editor.');
  const row = templateSchema.parse({ v: 1, id: newId('tpl'), workspaceId: input.workspaceId, name, text: input.text, createdAt: now, updatedAt: now });
  await (await db).put('templates', row);
  return row;
}

export async function renameTemplate(id: string, name: string, now: number, db: Db = mediaDb()): Promise<Template> {
  const trimmed = name.trim();
  if (trimmed === '') throw new ValidationError('A template needs a name.');
  const tx = (await db).transaction('templates', 'readwrite');
  const current = templateSchema.safeParse(await tx.store.get(id));
  if (!current.success) throw new ValidationError('That template no longer exists.');
  const renamed = { ...current.data, name: trimmed, updatedAt: now };
  await tx.store.put(renamed);
  await tx.done;
  return renamed;
}

export async function deleteTemplate(id: string, db: Db = mediaDb()): Promise<void> {
  await (await db).delete('templates', id);
}
