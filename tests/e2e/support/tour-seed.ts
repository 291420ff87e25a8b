import { expect } from 'vitest';
import type { Account, ClipCapture, Delivery, InboxItem, MetricSample, Post, Settings, Stream, StreamResult, Workspace } from '@/lib/model';
import type { SidePanel } from '../pages/side-panel';

/**
 * A day of a manager's work, seeded straight into the extension's database so every run draws the
 * same views: the README's tour (screenshots.e2e.ts) and the accessibility checks (axe.e2e.ts).
 * Three accounts (Bluesky, Mastodon, a reminder-only X), six clips, six posts published, scheduled
 * and failed, their metrics and follower readings, an inbox of four and one listening stream with two finds.
 */
const H = 3_600_000;
const ZONE = 'Europe/Berlin';
const CLIP_TITLES = [
  'Why the best coffee shops roast in small batches',
  'A field guide to winter blends',
  'The economics of a neighbourhood café',
  'How Huila growers are adapting to a warmer climate',
  'Cold brew, explained',
  'What makes a great tasting note',
];

/** Each view's tab name and a selector that is there once the view shows the seeded rows. */
export const TOUR_VIEWS = [
  ['Queue', '[data-testid="clip-list"] li'],
  ['Compose', 'textarea'],
  ['Calendar', '.chip__button'],
  ['Inbox', '[role="tabpanel"] li'],
  ['Listening', '[data-testid="stream-result"]'],
  ['Insights', 'canvas'],
  ['Settings', '[role="tabpanel"] fieldset, [role="tabpanel"] section'],
] as const;

/** Seeds the day and reloads the panel; `now` is the moment the day is drawn around. */
export async function seedTour(panel: SidePanel, now = Date.now()): Promise<void> {
  await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
  const settings = (await panel.readRow('settings', 'settings')) as Settings;
  const workspace: Workspace = {
    ...((await panel.readRow('workspaces', settings.activeWorkspaceId!)) as Workspace),
    name: 'Northwind Coffee',
    timeZone: ZONE,
    color: '#8a4b2a',
  };
  // Nothing here has a real sign-in: keep the background from polling the seeded accounts.
  await panel.putRows('settings', [{ ...settings, polling: 'off' } satisfies Settings]);
  await panel.putRows('workspaces', [workspace]);

  const account = (id: string, network: Account['network'], handle: string, publishMode: Account['publishMode']): Account => ({
    v: 1,
    id,
    workspaceId: workspace.id,
    network,
    handle,
    displayName: 'Northwind Coffee',
    avatarUrl: null,
    serverUrl: null,
    remoteId: null,
    publishMode,
    status: 'connected',
    statusReason: null,
    limits: { maxCharacters: network === 'bluesky' ? 300 : network === 'x' ? 280 : 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 1_000_000 },
    schedule: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, time: '09:00' },
      { weekday, time: '15:30' },
    ]),
    createdAt: 1,
    updatedAt: 1,
  });
  const accounts = [
    account('acct_bsky', 'bluesky', 'northwind.bsky.social', 'api'),
    account('acct_masto', 'mastodon', 'northwind@mastodon.social', 'api'),
    account('acct_x', 'x', 'northwindcoffee', 'reminder'),
  ];
  await panel.putRows('accounts', accounts);

  // Clips go in the way the capture path files them (capture.submit), so the Queue's search index has them.
  for (const [i, title] of CLIP_TITLES.entries()) {
    const capture: ClipCapture = {
      kind: 'article',
      url: `https://coffee.example/story-${i}`,
      sourceUrl: `https://coffee.example/story-${i}?utm_source=newsletter`,
      title,
      excerpt: 'Roasters, growers and baristas on what ends up in the cup, and why it matters to the people who drink it.',
      byline: i % 2 ? 'Mara Lind' : 'Tomás Reyes',
      siteName: i % 2 ? 'Roast Weekly' : 'The Coffee Desk',
      publishedTime: null,
      lang: 'en',
      text: 'Body.',
      html: '<p>Body.</p>',
      leadImage: null,
      readingMinutes: 4 + i,
      quote: null,
      image: null,
      post: null,
      credits: [],
      warnings: [],
    };
    const answer = await panel.page.evaluate((payload) => chrome.runtime.sendMessage({ type: 'capture.submit', payload }), capture);
    expect(answer?.ok).toBe(true);
  }

  const texts = [
    'Our winter blend is here: cocoa, orange peel and a long finish.',
    'Small batches, big flavour: why we roast twice a week.',
    'Tasting notes for the new Huila go up on Friday.',
    'Cold brew season never really ends.',
    'Meet the growers behind this month’s single origin.',
    'What should we brew next? Tell us below.',
  ];
  const posts: Post[] = texts.map((text, i) => ({
    v: 1,
    id: `post_shot_${i}`,
    workspaceId: workspace.id,
    clipId: null,
    text,
    variants: accounts.map((a) => ({ accountId: a.id, text: null, thread: [] })),
    media: [],
    link: null,
    lang: 'en',
    campaign: i < 3 ? 'Winter launch' : 'Origins',
    pillar: i % 2 ? 'Education' : 'Product',
    utm: { enabled: true, medium: 'social', campaign: 'winter' },
    experiment: null,
    evergreenDays: null,
    replyTo: null,
    createdAt: 1,
    updatedAt: 1,
  }));
  await panel.putRows('posts', posts);
  const states: [Delivery['state'], number][] = [
    ['published', -50],
    ['published', -26],
    ['published', -4],
    ['scheduled', 20],
    ['scheduled', 44],
    ['scheduled', 68],
  ];
  const deliveries: Delivery[] = posts.flatMap((post, i) =>
    accounts.slice(0, i % 3 === 0 ? 3 : 2).map((a, j): Delivery => {
      const [state, offset] = states[i]!;
      const dueAt = now + offset * H + j * 60_000;
      const isFailed = i === 4 && a.network === 'mastodon';
      const isReminder = a.publishMode === 'reminder';
      return {
        v: 1,
        id: `dlv_shot_${i}_${j}`,
        postId: post.id,
        accountId: a.id,
        workspaceId: workspace.id,
        network: a.network,
        state: isFailed ? 'failed' : isReminder && state === 'published' ? 'awaiting-confirmation' : state,
        method: isReminder ? 'reminder' : 'api',
        dueAt,
        attempt: state === 'published' ? 1 : 0,
        nextAttemptAt: null,
        lease: null,
        idempotencyKey: `k${i}${j}`,
        rkey: null,
        remote:
          state === 'published' && !isReminder
            ? { id: `at://did:plc:northwind/app.bsky.feed.post/${i}${j}`, url: `https://bsky.app/profile/northwind.bsky.social/post/${i}${j}`, cid: 'c' }
            : null,
        parts: [],
        sent: null,
        lastError: isFailed
          ? { code: 'validation', message: 'mastodon.social refused the post: the image is larger than 8 MB. Remove it or pick a smaller one.' }
          : null,
        publishedAt: state === 'published' && !isReminder ? dueAt : null,
        updatedAt: now,
      };
    }),
  );
  await panel.putRows('deliveries', deliveries);

  const published = deliveries.filter((d) => d.state === 'published');
  const samples: MetricSample[] = published.flatMap((d, i) =>
    [1, 24]
      .filter((h) => d.publishedAt! + h * H < now)
      .map((h) => ({
        v: 1 as const,
        id: `m_${d.id}_${h}`,
        accountId: d.accountId,
        deliveryId: d.id,
        takenAt: d.publishedAt! + h * H,
        counts: { likes: (4 + i * 3) * (h === 1 ? 1 : 3), reposts: 1 + i, replies: i % 3, quotes: i % 2 },
      })),
  );
  for (const a of accounts.slice(0, 2))
    for (let day = 7; day >= 0; day--)
      samples.push({
        v: 1,
        id: `f_${a.id}_${day}`,
        accountId: a.id,
        deliveryId: null,
        takenAt: now - day * 24 * H,
        counts: { followers: 1200 + (7 - day) * 9 },
      });
  await panel.putRows('metrics', samples);

  const people = [
    ['ada.bsky.social', 'Ada', 'Is the Huila roast good for espresso or better as a pour-over?', 'mention'],
    ['grace.bsky.social', 'Grace', 'My order arrived a day late, the bag was fine though.', 'reply'],
    ['lin@mastodon.social', 'Lin', 'Loved the tasting notes post, more of those please!', 'quote'],
    ['sam.bsky.social', 'Sam', 'Do you have gift cards for the holidays?', 'mention'],
  ] as const;
  const inbox: InboxItem[] = people.map(([handle, name, text, kind], i) => ({
    v: 1,
    id: `acct_bsky:n${i}`,
    accountId: i === 2 ? 'acct_masto' : 'acct_bsky',
    workspaceId: workspace.id,
    network: i === 2 ? 'mastodon' : 'bluesky',
    kind,
    remoteId: `n${i}`,
    url: 'https://bsky.app/',
    author: { handle, displayName: name, avatarUrl: null, remoteId: `did:plc:${name.toLowerCase()}` },
    text,
    inReplyTo: null,
    createdAt: now - (i + 1) * 40 * 60_000,
    receivedAt: now - (i + 1) * 40 * 60_000,
    isRead: i > 1,
    state: i === 3 ? 'done' : 'open',
    snoozedUntil: null,
    labels: i === 1 ? ['complaint'] : i === 0 ? ['question'] : [],
    repliedAt: i === 3 ? now - 2 * H : null,
    ref: { id: `at://did:plc:x/app.bsky.feed.post/n${i}`, url: 'https://bsky.app/', cid: 'c' },
    root: null,
    subject: null,
    replyDeliveryId: null,
    likedAt: null,
    repostedAt: null,
    visibility: 'public',
    replyMentions: i === 2 ? [handle] : [],
  }));
  await panel.putRows('inbox', inbox);
  const stream: Stream = {
    v: 1,
    id: 'stream_shot',
    workspaceId: workspace.id,
    name: 'Competitors',
    kind: 'keyword',
    query: 'single origin',
    accountIds: ['acct_bsky'],
    cursors: {},
    lastPolledAt: now - 10 * 60_000,
    createdAt: 1,
  };
  await panel.putRows('streams', [stream]);
  const found = [
    ['Rosa Diaz', 'rosa.bsky.social', 'Single origin Huila from the place on Elm Street is the best thing I drank this month.', 25],
    ['Bean Counter', 'beancounter.bsky.social', 'Is single origin worth the price? Our blind tasting says: sometimes.', 70],
  ] as const;
  const results: StreamResult[] = found.map(([name, handle, text, minutesAgo], i) => ({
    v: 1,
    id: `found_${i}`,
    streamId: stream.id,
    workspaceId: workspace.id,
    accountId: 'acct_bsky',
    network: 'bluesky',
    ref: { id: `at://did:plc:found${i}/app.bsky.feed.post/3k${i}`, url: `https://bsky.app/profile/${handle}/post/3k${i}`, cid: null },
    root: null,
    author: { handle, displayName: name, avatarUrl: null, remoteId: `did:plc:found${i}` },
    text,
    createdAt: now - minutesAgo * 60_000,
    foundAt: now - 10 * 60_000,
    likedAt: null,
    repliedAt: null,
    clipId: null,
    visibility: 'public',
    replyMentions: [],
  }));
  await panel.putRows('streamResults', results);
  await panel.page.reload();
  await panel.page.waitForSelector('[role="tablist"]');
}
