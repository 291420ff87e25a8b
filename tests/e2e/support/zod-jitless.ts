// Imported first by ./db-helper.entry.ts, so it runs before any schema is built.
//
// Zod decides when each object schema is built whether it may compile a parser with `new Function`.
// That bundle is evaluated through CDP, where the page's CSP does not apply, so zod decided
// "yes" — and then threw an EvalError (CSP: no 'unsafe-eval') when a parse ran inside an IndexedDB
// callback, outside CDP. That is how step 2 "indexed 0 clips" in the bench. The extension's own
// scripts load under the CSP, where zod's probe fails and it never compiles: jitless is what the
// product runs.
import { z } from 'zod';

z.config({ jitless: true });
