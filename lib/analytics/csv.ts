/**
 * CSV as RFC 4180 says (https://www.rfc-editor.org/rfc/rfc4180): CRLF between records, a field
 * quoted when it holds a comma, a quote, CR or LF, quotes doubled inside.
 *
 * Text that a spreadsheet would run as a formula (starting with = + - @, or a tab / CR that some
 * apps strip first) gets a leading apostrophe, per OWASP's CSV-injection advice: post texts and
 * campaign names are typed by people and can start with anything. Numbers are written as numbers.
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const safe = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: CsvCell[][]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
