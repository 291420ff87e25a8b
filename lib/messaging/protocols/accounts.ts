import type { MessageSpec } from '../spec';

/** Connecting, reconnecting and disconnecting network accounts. Merged into PROTOCOL (../protocol.ts). */
export const ACCOUNTS_PROTOCOL = {} as const satisfies Record<string, MessageSpec>;
