import type { MessageSpec } from '../spec';

/** Metrics collection and reports. Merged into PROTOCOL (../protocol.ts). */
export const INSIGHTS_PROTOCOL = {} as const satisfies Record<string, MessageSpec>;
