import { AppError, type ErrorCode } from '@/lib/errors';

/** Error codes in words a social media manager can act on. */
const WORDS: Record<ErrorCode, string> = {
  validation: 'Something in this did not look right, so nothing was saved.',
  'not-found': 'That item no longer exists. It may have been deleted in another window.',
  'forbidden-sender': 'That request did not come from Cadence itself, so it was refused.',
  'unknown-message': 'Cadence got a request it does not understand. Reload the extension.',
  network: 'The network could not be reached. Check your connection; Cadence will try again.',
  'rate-limited': 'The network asked us to slow down. Cadence will try again on its own.',
  auth: 'The account needs to be reconnected. Open Settings → Accounts and choose Reconnect.',
  conflict: 'This changed in another window while you were editing. Your copy was kept; review and save again.',
  'cannot-capture': 'This page cannot be clipped.',
  'settings-damaged': 'Cadence\'s settings could not be read, so nothing was filed. Open Settings in the side panel and choose "Repair settings".',
  team: 'The team server could not be reached or refused. Open Settings → Team.',
  internal: 'Something went wrong inside Cadence. Try again; if it keeps happening, reload the extension.',
};

export function errorText(error: unknown): string {
  if (error instanceof AppError) {
    if (error.code === 'team') return error.message;
    return error.code === 'cannot-capture' || error.code === 'validation' ? `${WORDS[error.code]} ${error.message}` : WORDS[error.code];
  }
  return WORDS.internal;
}
