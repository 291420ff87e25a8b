import type { Account, Clip, ClipCapture, Delivery, Post, Workspace } from '@/lib/model';

let counter = 0;
const next = () => ++counter;

export function makeCapture(overrides: Partial<ClipCapture> = {}): ClipCapture {
  const n = next();
  return {
    kind: 'article',
    url: `https://example.com/article-${n}`,
    sourceUrl: `https://example.com/article-${n}?utm_source=x`,
    title: `Article ${n}`,
    excerpt: 'An excerpt.',
    byline: 'Ada Author',
    siteName: 'Example',
    publishedTime: null,
    lang: 'en',
    text: 'Body text.',
    html: '<p>Body text.</p>',
    leadImage: null,
    readingMinutes: 1,
    quote: null,
    image: null,
    post: null,
    credits: [],
    warnings: [],
    ...overrides,
  };
}

export function makeClip(overrides: Partial<Clip> = {}): Clip {
  const at = 1_700_000_000_000 + next() * 1000;
  return {
    ...makeCapture(),
    v: 1,
    id: `clip_${next()}`,
    workspaceIds: ['ws_1'],
    tags: [],
    note: '',
    status: 'new',
    capturedAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function makeWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  return { v: 1, id: `ws_${next()}`, name: 'Acme', timeZone: 'Europe/Berlin', color: '#3b6ef5', createdAt: 1, updatedAt: 1, ...overrides };
}

export function makeDelivery(overrides: Partial<Delivery> = {}): Delivery {
  const n = next();
  return {
    v: 1,
    id: `dlv_${n}`,
    postId: `post_${n}`,
    accountId: 'acct_1',
    workspaceId: 'ws_1',
    network: 'bluesky',
    state: 'scheduled',
    method: 'api',
    dueAt: 1_700_000_000_000 + n * 60_000,
    attempt: 0,
    nextAttemptAt: null,
    lease: null,
    idempotencyKey: `key-${n}`,
    rkey: null,
    remote: null,
    parts: [],
    sent: null,
    lastError: null,
    publishedAt: null,
    updatedAt: 1,
    ...overrides,
  };
}

export function makeAccount(overrides: Partial<Account> = {}): Account {
  const n = next();
  return {
    v: 1,
    id: `acct_${n}`,
    workspaceId: 'ws_1',
    network: 'bluesky',
    handle: `user${n}.bsky.social`,
    displayName: `User ${n}`,
    avatarUrl: null,
    serverUrl: null,
    remoteId: null,
    publishMode: 'api',
    status: 'connected',
    statusReason: null,
    limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 },
    schedule: [],
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

export function makePost(overrides: Partial<Post> = {}): Post {
  return {
    v: 1,
    id: `post_${next()}`,
    workspaceId: 'ws_1',
    clipId: null,
    text: 'Hello',
    variants: [],
    media: [],
    link: null,
    lang: null,
    campaign: null,
    pillar: null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    replyTo: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}
