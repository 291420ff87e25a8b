import type { MessageSpec } from '../spec';

/** The publisher: share now, retry, confirm or snooze a reminder, cancel. Merged into PROTOCOL (../protocol.ts). */
export const PUBLISH_PROTOCOL = {} as const satisfies Record<string, MessageSpec>;
