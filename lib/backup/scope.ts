import { z } from 'zod';
import { idSchema } from '../model';

/** What a backup holds: everything, or one workspace (a client's rows only). */
export const backupScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('workspace'), workspaceId: idSchema, name: z.string() }),
]);
export type BackupScope = z.infer<typeof backupScopeSchema>;

/** A server's origin as Settings stores it: scheme, host and port, nothing else. */
export const originSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'not a server address (https://host)');
