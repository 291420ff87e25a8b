import type { MessageSpec } from '../spec';

/** Workspaces, backup and import. Merged into PROTOCOL (../protocol.ts). */
export const WORKSPACES_PROTOCOL = {} as const satisfies Record<string, MessageSpec>;
