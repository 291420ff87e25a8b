export const VIEWS = [
  { id: 'queue', label: 'Queue' },
  { id: 'compose', label: 'Compose' },
  { id: 'calendar', label: 'Calendar' },
  { id: 'inbox', label: 'Inbox' },
  { id: 'listening', label: 'Listening' },
  { id: 'insights', label: 'Insights' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
