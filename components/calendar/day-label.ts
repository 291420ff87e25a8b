/**
 * One formatter for every day label: `toLocaleDateString` builds a new Intl.DateTimeFormat on each
 * call, and the month's 42 cells called it on every render (issue 20: DayCell was the calendar's
 * largest own cost in the month render's profile). Same words: "Mon, Dec 7".
 */
const DAY_LABEL = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** The label of a local date (YYYY-MM-DD), read at noon UTC so no zone moves it to another day. */
export const dayLabel = (date: string) => DAY_LABEL.format(new Date(`${date}T12:00:00Z`));
