// Bundled by ./compose.ts and evaluated in the side panel: the product's own queue-time check, so
// it can be timed in the same renderer that draws Compose, apart from React's renders and paint.
import '../tests/e2e/support/zod-jitless';
import { accountSchema, postSchema } from '@/lib/model';
import { checkForQueue, checkTextForQueue } from '@/lib/schedule/queue-check';

export const queueCheckLib = { checkForQueue, checkTextForQueue, postSchema, accountSchema };
(globalThis as unknown as { queueCheckLib: typeof queueCheckLib }).queueCheckLib = queueCheckLib;
