import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Finds texts that promise a control ("choose “Confirm posted”") and the controls the views
 * render, by reading the source (issue 17: "every text in the UI that promises an action names
 * one that exists"). Plain text matching, no parser: the project has none of its own, and the
 * shapes it reads are few and kept by this test.
 *
 * A promise is a quoted name after a verb that sends the user to a control: choose, press,
 * click, use, select, pick, tap, then ("choose “A”, then “B”"), "Set Status to". Controls are the texts and aria-labels of
 * `<button>`, `<summary>`, `<option>`, `<label>` and `<a>` elements and of the design system's
 * `<Button>`, `<IconButton>`, `<Toggle>`, `<MenuItem>` and `<Tab>`, the values of `…LABELS`
 * and `…LABEL` objects (rendered inside buttons and options, like DeliveryActions' `LABELS`), the
 * labels of selects and fields (`aria-label`, `label`, `anyLabel`), and the browser menu items
 * the extension creates (lib/platform/context-menus.ts), which are controls too.
 */

export interface Promise_ {
  file: string;
  line: number;
  name: string;
}

const QUOTE = String.raw`(?:“([^”]{1,60})”|"([A-Z][^"]{0,59})")`;
const VERB = String.raw`\b(?:choose|press|click|use|select|pick|tap|then|Set [A-Z][a-z]+(?:, [A-Z][a-z]+)*(?: and [A-Z][a-z]+)?(?: back)? to)\s+`;
const CHAIN = new RegExp(`${VERB}${QUOTE}((?:\\s*(?:,|or|and)\\s*${QUOTE})*)`, 'gi');
const ANY_QUOTE = new RegExp(QUOTE, 'g');

export function sourceFiles(root: string, folders: readonly string[]): string[] {
  return folders.flatMap((folder) => walk(join(root, folder))).filter((file) => /\.tsx?$/.test(file));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Every quoted control name a text sends the user to, with where it is written. */
export function promisesIn(root: string, files: readonly string[]): Promise_[] {
  return files.flatMap((file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    return lines.flatMap((text, index) => {
      if (/^\s*(\*|\/\/)/.test(text)) return []; // comments promise nothing to the user
      return [...text.matchAll(CHAIN)].flatMap((match) =>
        [...match[0].matchAll(ANY_QUOTE)].map((quoted) => ({ file: relative(root, file), line: index + 1, name: (quoted[1] ?? quoted[2])! })),
      );
    });
  });
}

// The design system's controls (components/ui/) render these elements: their texts are controls' names too.
const CONTROL = /<(button|summary|option|label|a|Button|IconButton|Toggle|MenuItem|Tab)\b([\s\S]*?)<\/\1>/g;
const STRING = /'((?:[^'\\\n]|\\.)+)'|"([^"\n]+)"|`([^`$\n]+)`/g;
const JSX_TEXT = />([^<>{}]+)([<{])/g;

/** Every name a control in these files can show. */
export function controlNamesIn(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  const add = (text: string) => {
    const name = normalize(text);
    if (name) names.add(name);
  };
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (file.endsWith('.tsx')) {
      for (const [element] of source.matchAll(CONTROL)) {
        // Text followed by an expression ("Write arm {next}") is the start of the name.
        for (const [, text, after] of element.matchAll(JSX_TEXT)) add(after === '{' && text!.trim() ? `${text} *` : text!);
        for (const match of element.matchAll(STRING)) add(match[1] ?? match[2] ?? match[3] ?? '');
      }
    }
    for (const [, body] of source.matchAll(/\b[A-Z_]*LABELS?\b[^=\n]*=\s*\{([\s\S]*?)\};/g)) {
      for (const match of body!.matchAll(STRING)) add(match[1] ?? match[2] ?? match[3] ?? '');
    }
    for (const [, label] of source.matchAll(/\b(?:aria-label|anyLabel|label)="([^"]+)"/g)) add(label!);
    for (const [, title] of source.matchAll(/menus\.create\(\{[^}]*title: '([^']+)'/g)) add(title!);
  }
  return names;
}

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/…$/, '').trim().toLowerCase();
}

/**
 * A promise holds when a control shows exactly that name, or starts with it ("Schedule at" names
 * "Schedule at…"), or a control's name is completed at run time ("Write arm *" names "Write arm B").
 */
export function isKept(name: string, controls: ReadonlySet<string>): boolean {
  const wanted = normalize(name);
  return [...controls].some(
    (control) =>
      control === wanted ||
      control.startsWith(`${wanted} `) ||
      control.startsWith(`${wanted}…`) ||
      (control.endsWith(' *') && wanted.startsWith(control.slice(0, -1))),
  );
}
