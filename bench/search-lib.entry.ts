// Bundled by ./search-profile.ts and evaluated in the side panel: the product's own search, so a
// lib call can be timed apart from the panel's renders and paint.
import '../tests/e2e/support/zod-jitless';
import { openStore, searchClips } from '@/lib/store';

export const searchLib = { openStore, searchClips };
(globalThis as unknown as { searchLib: typeof searchLib }).searchLib = searchLib;
