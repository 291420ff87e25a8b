/**
 * The language a post is written in, as one BCP 47 tag. A page says it as it likes (`en-us`,
 * `EN`, `zh_Hant`, a stray `x`); a post is tagged with the language alone (`en`), which is what
 * Bluesky's feeds filter on and what Mastodon accepts: its `language` is an ISO 639 code, and a
 * tag it does not know is replaced by the account's default (LanguagesHelper#valid_locale_cascade).
 */

/** The languages Compose offers first; any other tag a clip brings is offered beside them. */
export const COMMON_LANGUAGES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'uk',
  'ru',
  'tr',
  'el',
  'ar',
  'he',
  'hi',
  'id',
  'ja',
  'ko',
  'zh',
] as const;

/** The language of a page's `lang`, as a post's tag: `en-US` → `en`; null when it names none. */
export function postLanguage(raw: string | null | undefined): string | null {
  const primary = raw?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return null;
  try {
    return Intl.getCanonicalLocales(primary)[0] ?? null;
  } catch {
    return null; // not a language tag at all
  }
}

/** What Mastodon's `language` takes: the ISO 639 code of the tag. */
export const mastodonLanguage = (tag: string): string | null => postLanguage(tag);

/** The language's name in English ("German"), or the tag itself when the runtime does not know it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag; // a tag Intl refuses is still shown, as written
  }
}
