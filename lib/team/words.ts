import { AppError, AuthError, NetworkError, NotFoundError } from '../errors';
import { ConflictError, TeamForbiddenError } from './couch';

/**
 * A team server's failure in words that say what to do (issue 23: "errors in plain words"), as an
 * AppError with the code `team`, whose message the UI shows as it is.
 */
export function teamError(error: unknown, where: { url: string; user: string; db: string }): AppError {
  if (error instanceof AppError && error.code === 'team') return error;
  return new AppError('team', teamWords(error, where));
}

export function teamWords(error: unknown, { url, user, db }: { url: string; user: string; db: string }): string {
  if (error instanceof TeamForbiddenError) return `The team server refused this: ${error.reason} Your copy was put back to the team’s version.`;
  if (error instanceof AuthError)
    return `The team server at ${url} did not accept the user “${user}” for ${db}. Check the user name and password in Settings → Team, or ask the server admin whether you are a member of this workspace.`;
  if (error instanceof NotFoundError)
    return `The team server at ${url} has no database ${db}. Ask the server admin to set this workspace up (setUpWorkspace, README “Working as a team”) with the workspace id shown here.`;
  if (error instanceof ConflictError) return 'Someone else changed this on the team server at the same moment. Nothing was lost: try again.';
  if (error instanceof NetworkError)
    return `The team server at ${url} cannot be reached (${error.message.replace(/^The team server at \S+ /, '')}). Check the address and that you are online; Cadence syncs again on its own.`;
  return `Syncing with the team server failed: ${error instanceof Error ? error.message : String(error)}`;
}
