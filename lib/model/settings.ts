import { z } from 'zod';
import { idSchema } from './common';

export const SETTINGS_ID = 'settings';

export const settingsSchema = z.object({
  v: z.literal(1),
  id: z.literal(SETTINGS_ID),
  activeWorkspaceId: idSchema.nullable(),
  theme: z.enum(['system', 'light', 'dark']),
  /** What to do with a post that came due while the browser was closed. */
  latePolicy: z.object({ mode: z.enum(['publish-if-within', 'hold']), withinMinutes: z.number().int().nonnegative() }),
  polling: z.enum(['adaptive', 'slow', 'off']),
  notifications: z.object({ mentions: z.boolean(), failures: z.boolean() }),
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return {
    v: 1,
    id: SETTINGS_ID,
    activeWorkspaceId: null,
    theme: 'system',
    latePolicy: { mode: 'publish-if-within', withinMinutes: 30 },
    polling: 'adaptive',
    notifications: { mentions: true, failures: true },
  };
}
