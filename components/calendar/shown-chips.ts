import type { Delivery } from '@/lib/model';

/** A day's chips on screen: at most `limit` until the day is expanded ("+N more"); a null limit shows all (the week view). */
export function shownChips(deliveries: readonly Delivery[], limit: number | null, isExpanded: boolean): readonly Delivery[] {
  return limit !== null && !isExpanded ? deliveries.slice(0, limit) : deliveries;
}
