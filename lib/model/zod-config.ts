// Imported first by every entrypoint (issue 21). Zod compiles fast parsers with `new Function` when
// it may; an extension page's CSP forbids eval, so zod's probe fails and it parses without them
// anyway. Chrome says nothing about the probe, but Firefox reports each one as a CSP violation in
// the browser console, as an error. Saying jitless up front means the probe never runs.
import { z } from 'zod';

z.config({ jitless: true });
