import { describe, expect, it } from 'vitest';
import { OVERLAP_MS, markTime, parseMark, readSinceMark } from '../../../../lib/networks/bluesky/high-water';

interface Item {
  id: string;
  at: string;
}
const iso = (ms: number) => new Date(ms).toISOString();
const T = Date.UTC(2026, 0, 1, 12);

/** A fake listing, newest first, paged like the AppView: the only fake here is the server. */
function listing(items: Item[], pageSize: number) {
  const sorted = [...items].sort((a, b) => b.at.localeCompare(a.at));
  const calls: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined) => {
    calls.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    const page = sorted.slice(start, start + pageSize);
    return { items: page, cursor: page.length > 0 ? String(start + page.length) : undefined };
  };
  return { fetchPage, calls };
}
const read = (cursor: string | null, items: Item[], pageSize = 2) => {
  const server = listing(items, pageSize);
  return readSinceMark(cursor, server.fetchPage, (item) => item, { pageSize, maxPages: 10 }).then((page) => ({ ...page, calls: server.calls }));
};

describe('high-water-mark polling', () => {
  it('reads one page the first time, then only what is new, paging back to the mark', async () => {
    const old = [1, 2, 3].map((i) => ({ id: `old${i}`, at: iso(T - 600_000 + i) }));
    const first = await read(null, old);
    expect(first.items.map((i) => i.id)).toEqual(['old3', 'old2']);
    expect(markTime(first.cursor!)).toBe(old[2]!.at);

    const fresh = [1, 2, 3].map((i) => ({ id: `new${i}`, at: iso(T + i) }));
    const second = await read(first.cursor, [...old, ...fresh]);
    expect(second.items.map((i) => i.id)).toEqual(['new3', 'new2', 'new1']);
    expect(second.requests).toBe(3);

    const quiet = await read(second.cursor, [...old, ...fresh]);
    expect(quiet).toMatchObject({ items: [], cursor: second.cursor });
  });

  it('an account with nothing yet takes everything after its first poll as news, past one page', async () => {
    const empty = await read(null, []);
    expect(empty).toMatchObject({ items: [], requests: 1 });
    const burst = [1, 2, 3, 4, 5].map((i) => ({ id: `b${i}`, at: iso(T + i) }));
    const next = await read(empty.cursor, burst);
    expect(next.items.map((i) => i.id)).toEqual(['b5', 'b4', 'b3', 'b2', 'b1']);
    expect(next.requests).toBe(3);
  });

  it('a quiet poll is one request', async () => {
    const items = [1, 2, 3, 4, 5].map((i) => ({ id: `p${i}`, at: iso(T - OVERLAP_MS * 2 + i) }));
    const first = await read(null, items, 50);
    const quiet = await read(first.cursor, items, 50);
    expect(quiet).toMatchObject({ items: [], requests: 1, cursor: first.cursor });
  });

  it('picks up an item shown late with a time just before the mark, once', async () => {
    const seen = [{ id: 'a', at: iso(T) }];
    const first = await read(null, seen);
    const late = { id: 'late', at: iso(T - 5_000) };
    const second = await read(first.cursor, [...seen, late]);
    expect(second.items.map((i) => i.id)).toEqual(['late']);
    const third = await read(second.cursor, [...seen, late]);
    expect(third.items).toEqual([]);
  });

  it('reads an unreadable cursor as no mark, and a bare timestamp as a mark', () => {
    expect(parseMark('garbage')).toBeNull();
    expect(parseMark(iso(T))).toEqual({ at: iso(T), ids: [] });
    expect(parseMark(JSON.stringify({ at: iso(T), ids: ['x'] }))).toEqual({ at: iso(T), ids: ['x'] });
  });
});
