import type { MessageSpec } from '../spec';

/** The inbox and listening: poll now, reply, like, repost, threads, read markers. Merged into PROTOCOL (../protocol.ts). */
export const INBOX_PROTOCOL = {} as const satisfies Record<string, MessageSpec>;
