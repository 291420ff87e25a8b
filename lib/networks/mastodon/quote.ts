import { z } from 'zod';
import { ValidationError } from '../../errors';
import { knownVisibility } from '../../model/visibility';
import type { MastodonOptions, QuoteTarget } from '../../model';
import { call, hostOf, isNotFound, type MastodonHttp } from './http';
import { parseAs, searchSchema } from './schemas';

/**
 * Quote posts on Mastodon (4.5, docs.joinmastodon.org/methods/statuses#create: `quoted_status_id`,
 * `quote_approval_policy`), issue 22. Invariants:
 * - only a server whose instance says `api_versions.mastodon` ≥ 7 is sent either field: an older
 *   one would drop them silently and publish a post that quotes nothing;
 * - the post quoted is found on the account's own server (search with `resolve`), and refused
 *   when its author does not let this account quote it (`quote_approval.current_user` 'denied')
 *   or when it is not public: a quote never shows a post to more people than it was written for
 *   (the rule of replies, issue 18).
 */
export const QUOTES_API_VERSION = 7;

/** Whether an instance (v2) answer says the server takes quotes. */
export function takesQuotes(instance: unknown): boolean {
  const version = (instance as { api_versions?: { mastodon?: unknown } } | null)?.api_versions?.mastodon;
  return typeof version === 'number' && version >= QUOTES_API_VERSION;
}

const quotableSchema = z.object({
  id: z.string(),
  visibility: z.string().nullish(),
  quote_approval: z.object({ current_user: z.string().nullish() }).nullish(),
});

/**
 * Only a 404 (an old server without /api/v2/instance) means no quotes. Any other failure (offline, a
 * timeout, a 5xx, a refused request) is thrown as it is, so the delivery retries or says what went
 * wrong instead of failing for good with "does not take quote posts".
 */
async function serverTakesQuotes(http: MastodonHttp): Promise<boolean> {
  try {
    return takesQuotes((await call(http, { path: '/api/v2/instance' })).body);
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** The fields a status is created with for its quote and quote policy; {} when none. */
export async function quoteParams(
  http: MastodonHttp,
  quote: QuoteTarget | null | undefined,
  options: MastodonOptions | null | undefined,
): Promise<Record<string, string>> {
  const policy = options?.quotePolicy ?? null;
  if (!quote && policy === null) return {};
  const host = hostOf(http.server);
  if (!(await serverTakesQuotes(http))) {
    if (quote) throw new ValidationError(`${host} does not take quote posts (it needs Mastodon 4.5). Remove the quote, or link to the post instead.`);
    return {};
  }
  const params: Record<string, string> = policy ? { quote_approval_policy: policy } : {};
  if (!quote) return params;
  const { body } = await call(http, { path: '/api/v2/search', query: { q: quote.url, type: 'statuses', resolve: 'true', limit: '1' } });
  const found = parseAs(searchSchema.extend({ statuses: z.array(quotableSchema) }), body, host, 'the post to quote').statuses[0];
  if (!found) throw new ValidationError(`${host} cannot find the post this quotes (${quote.url}). Remove the quote or pick another post.`);
  if (found.quote_approval?.current_user === 'denied')
    throw new ValidationError(
      'The author of the post this quotes does not allow you to quote it. Remove the quote (or link to the post instead) and schedule it again.',
    );
  const visibility = knownVisibility(found.visibility);
  if (visibility !== 'public' && visibility !== 'unlisted')
    throw new ValidationError(
      'The post this quotes is not public: quoting it would show it to more people than its author chose. Remove the quote and schedule it again.',
    );
  return { ...params, quoted_status_id: found.id };
}
