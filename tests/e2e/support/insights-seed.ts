import { DateTime } from 'luxon';
import type { Account, Delivery, InboxItem, MetricSample, Post, Workspace } from '@/lib/model';

/**
 * The rows the Insights e2e writes into the extension's IndexedDB, as the collector and the inbox
 * poller would have, and what a person would compute from them by hand. The expectations are
 * plain arithmetic over these seeds, never read back from the page or computed by lib/analytics.
 */
export const ZONE = 'America/New_York';
const H = 3_600_000;
const COUNTED = ['likes', 'reposts', 'replies', 'quotes'] as const;
type Counts = Record<(typeof COUNTED)[number], number>;

export interface PostSeed {
  n: number;
  accountId: string;
  text: string;
  campaign: string | null;
  experiment: { id: string; arm: string; question?: string } | null;
  publishedAt: number;
  /** Readings taken this long after publishing, oldest first. */
  readings: { after: number; counts: Counts }[];
}

export interface InboxSeed {
  n: number;
  createdAt: number;
  repliedAt: number | null;
}

const counts = (likes: number, reposts = 0, replies = 0, quotes = 0): Counts => ({ likes, reposts, replies, quotes });

export function seedsAt(now: number) {
  const recent: PostSeed[] = [
    {
      n: 1,
      accountId: 'acct_e2e',
      text: 'Fresh bread number 1',
      campaign: 'Spring',
      experiment: null,
      publishedAt: now - 50 * H,
      readings: [
        { after: H, counts: counts(3) },
        { after: 24 * H, counts: counts(20, 4, 2, 1) },
      ],
    },
    {
      n: 2,
      accountId: 'acct_e2e',
      text: 'Fresh bread number 2',
      campaign: 'Spring',
      experiment: null,
      publishedAt: now - 26 * H,
      readings: [{ after: H, counts: counts(10, 2, 1) }],
    },
    {
      n: 3,
      accountId: 'acct_e2e',
      text: 'Fresh bread number 3',
      campaign: null,
      experiment: null,
      publishedAt: now - 5 * H,
      readings: [{ after: H, counts: counts(2) }],
    },
    {
      n: 4,
      accountId: 'acct_e2e',
      text: 'Two loaves for one, this Friday only',
      campaign: null,
      experiment: { id: 'exp_e2e', arm: 'A' },
      publishedAt: now - 30 * H,
      readings: [{ after: 2 * H, counts: counts(25, 3, 2) }],
    },
    {
      n: 5,
      accountId: 'acct_e2e',
      text: 'Friday deal: buy one loaf, get one free',
      campaign: null,
      experiment: { id: 'exp_e2e', arm: 'B' },
      publishedAt: now - 28 * H,
      readings: [{ after: 2 * H, counts: counts(10, 2) }],
    },
  ];
  // Another account's history, 6 to 13 weeks back (outside every range on screen): eight weeks of
  // Tuesday 09:00, Thursday 13:00 and Saturday 10:00 on the workspace's clock.
  const history: PostSeed[] = [];
  const monday = DateTime.fromMillis(now, { zone: ZONE }).startOf('week');
  for (let week = 6; week < 14; week += 1) {
    for (const [weekday, hour, likes] of [
      [2, 9, 30],
      [4, 13, 25],
      [6, 10, 5],
    ] as const) {
      const at = monday
        .minus({ weeks: week })
        .plus({ days: weekday - 1 })
        .set({ hour });
      history.push({
        n: 100 + history.length,
        accountId: 'acct_hist',
        text: `From the archive ${history.length}`,
        campaign: null,
        experiment: null,
        publishedAt: at.toMillis(),
        readings: [{ after: 24 * H, counts: counts(likes) }],
      });
    }
  }
  const followers = [
    { id: 'f1', takenAt: now - 51 * H, followers: 500 },
    { id: 'f2', takenAt: now - 4 * H, followers: 512 },
  ];
  const inbox: InboxSeed[] = [
    { n: 1, createdAt: now - 48 * H, repliedAt: now - 48 * H + 20 * 60_000 },
    { n: 2, createdAt: now - 24 * H, repliedAt: now - 24 * H + 40 * 60_000 },
    { n: 3, createdAt: now - 3 * H, repliedAt: null },
  ];
  return { recent, history, followers, inbox };
}

export type Seeds = ReturnType<typeof seedsAt>;

/** The newest reading's likes + reposts + replies + quotes. */
export const engagementOf = (seed: PostSeed) => COUNTED.reduce((sum, key) => sum + seed.readings.at(-1)!.counts[key], 0);

export function medianMinutes(inbox: InboxSeed[]): number {
  const minutes = inbox
    .filter((i) => i.repliedAt !== null)
    .map((i) => (i.repliedAt! - i.createdAt) / 60_000)
    .sort((a, b) => a - b);
  const mid = Math.floor(minutes.length / 2);
  return minutes.length % 2 ? minutes[mid]! : (minutes[mid - 1]! + minutes[mid]!) / 2;
}

/** The rows themselves, in the shapes lib/model validates. */
export function seedRows(seeds: Seeds, workspace: Workspace) {
  const account = (id: string, handle: string): Account => ({
    v: 1,
    id,
    workspaceId: workspace.id,
    network: 'bluesky',
    handle,
    displayName: handle,
    avatarUrl: null,
    serverUrl: null,
    remoteId: null,
    // Disconnected: the collector leaves them alone, so only the seeded readings exist.
    publishMode: 'api',
    status: 'disconnected',
    statusReason: null,
    limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 },
    schedule: [],
    createdAt: 1,
    updatedAt: 1,
  });
  const all = [...seeds.recent, ...seeds.history];
  const posts = all.map((s): Post => ({
    v: 1,
    id: `post_e2e_${s.n}`,
    workspaceId: workspace.id,
    clipId: null,
    text: s.text,
    variants: [],
    media: [],
    link: null,
    lang: 'en',
    campaign: s.campaign,
    pillar: 'Product',
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: s.experiment ? { question: '', ...s.experiment } : null,
    evergreenDays: null,
    replyTo: null,
    createdAt: 1,
    updatedAt: 1,
  }));
  const deliveries = all.map((s): Delivery => ({
    v: 1,
    id: `dlv_e2e_${s.n}`,
    postId: `post_e2e_${s.n}`,
    accountId: s.accountId,
    workspaceId: workspace.id,
    network: 'bluesky',
    state: 'published',
    method: 'api',
    dueAt: s.publishedAt,
    attempt: 1,
    nextAttemptAt: null,
    lease: null,
    idempotencyKey: `k${s.n}`,
    rkey: null,
    remote: { id: `at://did:plc:acme/app.bsky.feed.post/${s.n}`, url: `https://bsky.app/profile/acme.test/post/${s.n}`, cid: 'c' },
    parts: [],
    sent: null,
    lastError: null,
    publishedAt: s.publishedAt,
    updatedAt: s.publishedAt,
  }));
  const metrics: MetricSample[] = [
    ...all.flatMap((s) =>
      s.readings.map((r, i): MetricSample => ({
        v: 1,
        id: `m${s.n}_${i}`,
        accountId: s.accountId,
        deliveryId: `dlv_e2e_${s.n}`,
        takenAt: s.publishedAt + r.after,
        counts: r.counts,
      })),
    ),
    ...seeds.followers.map((f): MetricSample => ({
      v: 1,
      id: f.id,
      accountId: 'acct_e2e',
      deliveryId: null,
      takenAt: f.takenAt,
      counts: { followers: f.followers, following: 10, posts: 40 },
    })),
  ];
  const inbox = seeds.inbox.map((i): InboxItem => ({
    v: 1,
    id: `acct_e2e:n${i.n}`,
    accountId: 'acct_e2e',
    workspaceId: workspace.id,
    network: 'bluesky',
    kind: 'reply',
    remoteId: `n${i.n}`,
    url: 'https://bsky.app/x',
    author: { handle: 'fan.test', displayName: 'Fan', avatarUrl: null, remoteId: 'did:plc:fan' },
    text: 'Love it',
    inReplyTo: null,
    createdAt: i.createdAt,
    receivedAt: i.createdAt,
    isRead: true,
    state: 'done',
    snoozedUntil: null,
    labels: [],
    repliedAt: i.repliedAt,
    ref: null,
    root: null,
    subject: null,
    replyDeliveryId: null,
    likedAt: null,
    repostedAt: null,
    visibility: null,
    replyMentions: null,
  }));
  return { accounts: [account('acct_e2e', 'acme.test'), account('acct_hist', 'acme-history.test')], posts, deliveries, metrics, inbox };
}
