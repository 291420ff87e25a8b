import { AtpAgent, RichText } from '@atproto/api';

/** The demo's people: a brand the manager posts for, and two followers who talk to it. */
export const DEMO_ACCOUNTS = {
  brand: { handle: 'northwind.test', password: 'northwind-demo-pass', displayName: 'Northwind Coffee' },
  ada: { handle: 'ada.test', password: 'ada-demo-pass', displayName: 'Ada' },
  grace: { handle: 'grace.test', password: 'grace-demo-pass', displayName: 'Grace' },
} as const;
type Who = keyof typeof DEMO_ACCOUNTS;

export type DemoAgents = Record<Who, AtpAgent>;

async function post(agent: AtpAgent, text: string, reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } }) {
  const rich = new RichText({ text });
  await rich.detectFacets(agent);
  return agent.post({ text: rich.text, facets: rich.facets, ...(reply ? { reply } : {}), createdAt: new Date().toISOString() });
}

/**
 * Creates the three accounts on the local PDS and a little history: the brand's posts, a follow,
 * likes, a repost, a reply and a customer question — so every view has something real in it.
 */
export async function seedNetwork(pdsUrl: string, articleUrl: string): Promise<DemoAgents> {
  const agents = {} as DemoAgents;
  for (const [who, account] of Object.entries(DEMO_ACCOUNTS) as [Who, (typeof DEMO_ACCOUNTS)[Who]][]) {
    const agent = new AtpAgent({ service: pdsUrl });
    await agent.createAccount({ handle: account.handle, email: `${who}@cadence.test`, password: account.password });
    await agent.upsertProfile((existing) => ({ ...existing, displayName: account.displayName }));
    agents[who] = agent;
  }
  const { brand, ada, grace } = agents;
  const did = (agent: AtpAgent) => agent.session!.did;

  await ada.follow(did(brand));
  await grace.follow(did(brand));
  const launch = await post(brand, `Our winter blend is here: cocoa, orange peel and a long finish. Grab a bag this week. #coffee`);
  const reading = await post(brand, `Why a browser is the best place to read the web, and keep what you find: ${articleUrl}`);
  await post(brand, `Tasting notes for the new single origin from Huila go up on Friday. What should we brew next?`);
  await ada.like(launch.uri, launch.cid);
  await grace.like(launch.uri, launch.cid);
  await grace.repost(reading.uri, reading.cid);
  await post(ada, 'Picked one up this morning. That orange note is lovely!', { root: launch, parent: launch });
  await post(grace, `@${DEMO_ACCOUNTS.brand.handle} do you ship the winter blend to Lisbon?`);
  return agents;
}

const CHATTER: [Who, string][] = [
  ['ada', 'is the Huila roast good for espresso or better as a pour-over?'],
  ['grace', 'my order arrived a day late, the bag was fine though.'],
  ['ada', 'any chance of a decaf version of the winter blend?'],
  ['grace', 'loved the tasting notes post, more of those please!'],
  ['ada', 'do you have gift cards for the holidays?'],
];

/** The followers keep mentioning the brand now and then, so the inbox comes alive. */
export function startChatter(agents: DemoAgents, everyMs: number, log: (line: string) => void): () => void {
  let turn = 0;
  const timer = setInterval(() => {
    const [who, line] = CHATTER[turn++ % CHATTER.length]!;
    post(agents[who], `@${DEMO_ACCOUNTS.brand.handle} ${line}`).then(
      () => log(`${DEMO_ACCOUNTS[who].handle} mentioned ${DEMO_ACCOUNTS.brand.handle}: “${line}”`),
      (error: unknown) => log(`a follower could not post (${error instanceof Error ? error.message : String(error)})`),
    );
  }, everyMs);
  return () => clearInterval(timer);
}
