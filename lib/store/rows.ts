import type { z } from 'zod';

/**
 * A row as read from IndexedDB. Older or damaged rows exist; a row that fails its schema is
 * returned flagged with its raw value so the UI can show it. It is never dropped or defaulted.
 */
export type Row<T> = { ok: true; key: string; value: T } | { ok: false; key: string; raw: unknown; reason: string };

export function checkRow<T>(schema: z.ZodType<T>, key: string, raw: unknown): Row<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, key, value: parsed.data };
  const reason = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, key, raw, reason };
}

export function validRows<T>(rows: Row<T>[]): T[] {
  return rows.flatMap((row) => (row.ok ? [row.value] : []));
}
