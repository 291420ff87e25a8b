import type { Account, Delivery } from '@/lib/model';
import type { CalendarDay } from '@/lib/schedule/calendar-grid';
import { SLOT_HOLDING_STATES } from '@/lib/schedule/delivery-rows';
import { atLocalTime } from '@/lib/schedule/local-time';

export interface FreeSlot {
  account: Account;
  at: number;
  time: string;
}

/** Each account's posting slots on `day` that are still ahead and hold no post: the faint placeholders. */
export function freeSlotsOn(day: CalendarDay, accounts: readonly Account[], deliveries: readonly Delivery[], zone: string, now: number): FreeSlot[] {
  const weekday = new Date(`${day.date}T12:00:00Z`).getUTCDay(); // 0 = Sunday, as Slot.weekday
  return accounts
    .flatMap((account) =>
      account.schedule
        .filter((slot) => slot.weekday === weekday)
        .map((slot) => ({ account, at: atLocalTime(day.date, slot.time, zone), time: slot.time }))
        .filter(({ at }) => at > now && !deliveries.some((d) => d.accountId === account.id && d.dueAt === at && SLOT_HOLDING_STATES.includes(d.state))),
    )
    .sort((a, b) => a.at - b.at);
}
