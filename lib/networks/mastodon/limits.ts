import type { AccountLimits } from '../../model';
import { DEFAULT_LIMITS } from '../../compose/network-limits';
import { AuthError, RateLimitedError } from '../../errors';
import { call, hostOf, type MastodonHttp } from './http';
import { instanceSchema, parseAs } from './schemas';
import { takesQuotes } from './quote';

/** Mastodon's defaults (docs.joinmastodon.org/user/posting: 500 characters, 4 images, 8 MB images). */
export const MASTODON_DEFAULT_LIMITS: AccountLimits = {
  maxCharacters: DEFAULT_LIMITS.mastodon.maxCharacters,
  charactersPerUrl: DEFAULT_LIMITS.mastodon.charactersPerUrl,
  maxImages: 4,
  maxImageBytes: 8 * 1024 * 1024,
};

/**
 * The server's own limits: GET /api/v2/instance (4.0+), else /api/v1/instance, else the
 * defaults. Auth and rate-limit answers are real answers and pass through; anything else
 * (an old server without v2, a proxy error) falls back to the next source.
 */
export async function readLimits(http: MastodonHttp): Promise<AccountLimits> {
  for (const path of ['/api/v2/instance', '/api/v1/instance']) {
    try {
      const { body } = await call(http, { path });
      const instance = parseAs(instanceSchema, body, hostOf(http.server), 'its instance');
      const statuses = instance.configuration?.statuses;
      const media = instance.configuration?.media_attachments;
      return {
        maxCharacters: statuses?.max_characters ?? instance.max_toot_chars ?? MASTODON_DEFAULT_LIMITS.maxCharacters,
        charactersPerUrl: statuses?.characters_reserved_per_url ?? MASTODON_DEFAULT_LIMITS.charactersPerUrl,
        maxImages: statuses?.max_media_attachments ?? MASTODON_DEFAULT_LIMITS.maxImages,
        maxImageBytes: media?.image_size_limit ?? MASTODON_DEFAULT_LIMITS.maxImageBytes,
        ...(path === '/api/v2/instance' ? { quotes: takesQuotes(body) } : {}),
      };
    } catch (error) {
      if (error instanceof AuthError || error instanceof RateLimitedError) throw error;
    }
  }
  return { ...MASTODON_DEFAULT_LIMITS };
}
