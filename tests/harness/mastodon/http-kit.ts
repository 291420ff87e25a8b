import type http from 'node:http';
import type { AccountRow } from './state';

/** The plumbing of the local Mastodon server: requests in as Rails reads them, answers out. */

export type Params = Record<string, unknown>;
export interface Ctx {
  method: string;
  url: URL;
  params: Params;
  headers: http.IncomingHttpHeaders;
  viewer: AccountRow | null;
}
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({ status, body, headers });
export const error = (status: number, message: string): Answer => json(status, { error: message });

/**
 * Mastodon's pagination (docs.joinmastodon.org/api/guidelines#pagination): newest first;
 * max_id = older than, since_id = newer than (the newest ones), min_id = the page just newer
 * than. Link (app/controllers/api/v1/notifications_controller.rb): rel="next" (older, max_id =
 * the page's oldest) and rel="prev" (newer, min_id = the page's newest), both only when not empty.
 */
export function paginate<T extends { id: string }>(ctx: Ctx, rows: T[], defaultLimit: number, maxLimit: number, render: (row: T) => unknown): Answer {
  const limit = Math.min(Math.max(Number(ctx.params.limit ?? defaultLimit) || defaultLimit, 1), maxLimit);
  const big = (id: unknown) => (typeof id === 'string' && /^\d+$/.test(id) ? BigInt(id) : null);
  const maxId = big(ctx.params.max_id);
  const sinceId = big(ctx.params.since_id);
  const minId = big(ctx.params.min_id);
  let candidates = rows.filter(
    (row) => (maxId === null || BigInt(row.id) < maxId) && (sinceId === null || BigInt(row.id) > sinceId) && (minId === null || BigInt(row.id) > minId),
  );
  candidates.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1));
  candidates = minId !== null ? candidates.slice(-limit) : candidates.slice(0, limit);
  const links: string[] = [];
  if (candidates.length > 0) {
    const base = new URL(ctx.url.pathname, ctx.url.origin);
    for (const [key, value] of ctx.url.searchParams) if (!['max_id', 'since_id', 'min_id'].includes(key)) base.searchParams.append(key, value);
    const withParam = (key: string, value: string) => {
      const link = new URL(base);
      link.searchParams.set(key, value);
      return link.toString();
    };
    links.push(`<${withParam('max_id', candidates.at(-1)!.id)}>; rel="next"`);
    links.push(`<${withParam('min_id', candidates[0]!.id)}>; rel="prev"`);
  }
  return json(200, candidates.map(render), links.length ? { Link: links.join(', ') } : undefined);
}

export function send(res: http.ServerResponse, answer: Answer) {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  res.writeHead(answer.status, headers);
  res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
}

export function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Query strings and forms: `key[]` repeats into an array, `a[b]` nests one level, as Rails reads them. */
export function paramsOf(entries: Iterable<[string, FormDataEntryValue | string]>): Params {
  const params: Params = {};
  for (const [key, value] of entries) {
    if (key.endsWith('[]')) {
      const existing = params[key];
      params[key] = [...(Array.isArray(existing) ? existing : []), value];
      continue;
    }
    const nested = /^([^[]+)\[([^\]]+)\]$/.exec(key);
    if (nested) {
      const inner = (params[nested[1]!] ??= {}) as Params;
      inner[nested[2]!] = value;
      continue;
    }
    params[key] = value;
  }
  return params;
}

export async function bodyParams(req: http.IncomingMessage, body: Buffer): Promise<Params> {
  if (body.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    // JSON arrays arrive under the plain name; expose them under `name[]` too, as Rails does.
    const params: Params = { ...(parsed as Params) };
    for (const [key, value] of Object.entries(params)) if (Array.isArray(value)) params[`${key}[]`] = value;
    return params;
  }
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'Content-Type': type } }).formData();
    return paramsOf(form.entries());
  }
  return {};
}
