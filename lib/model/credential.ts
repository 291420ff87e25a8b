import { z } from 'zod';
import { epochMsSchema, idSchema } from './common';

/**
 * Secrets for one account. Stored in IndexedDB in the extension's origin, never in
 * storage.local/sync (content scripts can read those) and never sent in a message.
 */
export const credentialSchema = z.object({
  v: z.literal(1),
  accountId: idSchema,
  secret: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('atproto-session'),
      service: z.string(),
      did: z.string(),
      handle: z.string(),
      accessJwt: z.string(),
      refreshJwt: z.string(),
    }),
    z.object({
      kind: z.literal('oauth'),
      server: z.string(),
      clientId: z.string(),
      clientSecret: z.string(),
      accessToken: z.string(),
      scope: z.string(),
    }),
  ]),
  updatedAt: epochMsSchema,
});
export type Credential = z.infer<typeof credentialSchema>;
