/**
 * Where the site script runs (docs/architecture.md, decision 4: declared only for the social sites we support, https
 * only). Kept apart so the entrypoint and the manifest test name the same list.
 */
export const SOCIAL_MATCHES = [
  'https://bsky.app/*',
  'https://x.com/*',
  'https://twitter.com/*',
  'https://www.threads.net/*',
  'https://www.threads.com/*',
  'https://www.linkedin.com/*',
  'https://www.reddit.com/*',
  'https://www.youtube.com/*',
];
