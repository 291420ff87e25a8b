import { DEFAULT_LIMITS } from '../compose/network-limits';
import { ValidationError, NotFoundError } from '../errors';
import { accountSchema, newId, type Account } from '../model';
import { validRows, type Store } from '../store';

export const REMINDER_NETWORKS = ['x', 'linkedin', 'threads', 'facebook'] as const;
export type ReminderNetwork = (typeof REMINDER_NETWORKS)[number];

/** Image limits of the share pages a reminder opens; the user attaches media there by hand. */
const REMINDER_MEDIA = { maxImages: 4, maxImageBytes: 5_000_000 };

/**
 * A reminder account: no API and no credential. At the due time a notification opens the
 * network's share page prefilled, and the delivery waits for the user to confirm (docs/architecture.md, decision 7).
 */
export async function addReminderAccount(
  store: Store,
  input: { workspaceId: string; network: ReminderNetwork; handle: string },
  now: () => number,
): Promise<Account> {
  const handle = input.handle.trim().replace(/^@/, '');
  if (!handle) throw new ValidationError('Enter the account’s handle, like @acmecoffee.');
  const workspace = await store.workspaces.get(input.workspaceId);
  if (!workspace?.ok) throw new NotFoundError('That workspace no longer exists.');
  const existing = validRows(await store.accounts.list({ index: 'by-workspace', query: input.workspaceId }));
  if (existing.some((account) => account.network === input.network && account.handle.toLowerCase() === handle.toLowerCase())) {
    throw new ValidationError(`@${handle} on ${input.network} is already in this workspace.`);
  }
  const at = now();
  return store.accounts.put(
    accountSchema.parse({
      v: 1,
      id: newId('acct'),
      workspaceId: input.workspaceId,
      network: input.network,
      handle,
      displayName: handle,
      avatarUrl: null,
      serverUrl: null,
      remoteId: null,
      publishMode: 'reminder',
      status: 'connected',
      statusReason: null,
      limits: { ...DEFAULT_LIMITS[input.network], ...REMINDER_MEDIA },
      schedule: [],
      createdAt: at,
      updatedAt: at,
    }),
  );
}
