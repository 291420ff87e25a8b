import Papa from 'papaparse';
import { COLUMNS, headerKey, VARIANT_NETWORKS, variantColumn } from './columns';
import type { Network } from '../model';

/** One CSV row as the importer reads it, before any check: cells trimmed, a formula guard's apostrophe taken off. */
export interface PlanRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  text: string;
  variants: Partial<Record<Network, string>>;
  accounts: string[];
  date: string;
  time: string;
  images: string[];
  alts: string[];
  link: string;
  campaign: string;
  pillar: string;
}

export const MAX_ROWS = 5_000;

/**
 * Reads a CSV of posts (papaparse, RFC 4180 quoting). Throws a sentence when the file itself is
 * unreadable: no Text column, more than MAX_ROWS rows, or a quoting error papaparse reports.
 */
export function readPlan(csv: string): PlanRow[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: headerKey });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes' || error.code === 'UndetectableDelimiter');
  if (fatal) throw new Error(`The CSV could not be read${fatal.row === undefined ? '' : ` (row ${fatal.row + 2})`}: ${fatal.message}.`);
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes(headerKey(COLUMNS.text)))
    throw new Error(`The CSV has no “${COLUMNS.text}” column. Its first line must name the columns: ${Object.values(COLUMNS).join(', ')}.`);
  if (parsed.data.length > MAX_ROWS) throw new Error(`The CSV has ${parsed.data.length} rows; Cadence imports at most ${MAX_ROWS} at once.`);
  return parsed.data.map((record, index) => {
    const cell = (name: string) => unguard((record[headerKey(name)] ?? '').trim());
    const posting = cell(COLUMNS.postingTime);
    const [postingDate = '', postingTime = ''] = posting.split(/[ T]+/);
    const variants: Partial<Record<Network, string>> = {};
    for (const network of VARIANT_NETWORKS) {
      const text = cell(variantColumn(network));
      if (text) variants[network] = text;
    }
    return {
      line: index + 2,
      text: cell(COLUMNS.text),
      variants,
      accounts: cell(COLUMNS.accounts)
        .split(/[\s,;]+/)
        .filter(Boolean),
      date: cell(COLUMNS.date) || postingDate,
      time: cell(COLUMNS.time) || postingTime,
      images: split(cell(COLUMNS.imageUrl)),
      alts: cell(COLUMNS.altText)
        ? cell(COLUMNS.altText)
            .split('|')
            .map((alt) => alt.trim())
        : [],
      link: cell(COLUMNS.link),
      campaign: cell(COLUMNS.campaign),
      pillar: cell(COLUMNS.pillar),
    };
  });
}

const split = (value: string) => value.split(/\s*\|\s*/).filter(Boolean);

/** Cadence's export guards a cell that a spreadsheet would run as a formula with an apostrophe (lib/analytics/csv.ts); reading it back takes it off. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
