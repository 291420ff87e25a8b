import { COMMON_LANGUAGES, languageName } from '@/lib/compose/language';
import { DEFAULT_MASTODON_OPTIONS, type Account, type MastodonOptions, type Post, type Visibility } from '@/lib/model';
import { Checkbox } from '../ui/Checkbox';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

/** Mastodon's audiences in its own words (its compose form, 4.3), widest first. */
const AUDIENCES: { value: Visibility; label: string }[] = [
  { value: 'public', label: 'Public' },
  { value: 'unlisted', label: 'Quiet public (unlisted)' },
  { value: 'private', label: 'Followers only' },
  { value: 'direct', label: 'Mentioned people only' },
];

/**
 * What a post says about itself beyond its words (issue 17): its language, which Bluesky sends
 * as `langs` and Mastodon as `language`, starting from the clip's; and, when a Mastodon account
 * is ticked, who sees it there, its content warning and whether its media is sensitive.
 */
export function PostOptions({ post, accounts, edit }: { post: Post; accounts: Account[]; edit: (change: (post: Post) => Post) => void }) {
  const languages = post.lang && !(COMMON_LANGUAGES as readonly string[]).includes(post.lang) ? [post.lang, ...COMMON_LANGUAGES] : COMMON_LANGUAGES;
  const mastodon = post.mastodon ?? DEFAULT_MASTODON_OPTIONS;
  const setMastodon = (change: Partial<MastodonOptions>) => edit((p) => ({ ...p, mastodon: { ...(p.mastodon ?? DEFAULT_MASTODON_OPTIONS), ...change } }));
  return (
    <div className="compose__options">
      <label>
        Language
        <Select value={post.lang ?? ''} onChange={(event) => edit((p) => ({ ...p, lang: event.target.value || null }))}>
          <option value="">Not set</option>
          {languages.map((tag) => (
            <option key={tag} value={tag}>
              {languageName(tag)} ({tag})
            </option>
          ))}
        </Select>
      </label>
      {accounts.some((account) => account.network === 'mastodon') ? (
        <fieldset className="compose__mastodon">
          <legend>On Mastodon</legend>
          <label>
            Who can see it
            <Select value={mastodon.visibility ?? ''} onChange={(event) => setMastodon({ visibility: (event.target.value || null) as Visibility | null })}>
              <option value="">The account’s default</option>
              {AUDIENCES.map((audience) => (
                <option key={audience.value} value={audience.value}>
                  {audience.label}
                </option>
              ))}
            </Select>
          </label>
          <label>
            Content warning
            <TextField
              value={mastodon.spoilerText}
              maxLength={1000}
              placeholder="None"
              onChange={(event) => setMastodon({ spoilerText: event.target.value })}
            />
          </label>
          <label>
            <Checkbox checked={mastodon.sensitive} onChange={(event) => setMastodon({ sensitive: event.target.checked })} /> Mark media as sensitive
          </label>
        </fieldset>
      ) : null}
    </div>
  );
}
