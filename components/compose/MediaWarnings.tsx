import { mediaWarnings } from '@/lib/compose/media-draft';
import type { Account, Post } from '@/lib/model';
import { altFieldId } from './MediaItem';
import { Button } from '../ui/Button';

/** What stops the images from going out, each with the one click that fixes it. */
export function MediaWarnings({ post, accounts }: { post: Post; accounts: Account[] }) {
  const warnings = mediaWarnings(post, accounts);
  if (warnings.length === 0) return null;
  const missing = warnings.filter((warning) => warning.kind === 'alt-missing');
  const first = missing[0];
  return (
    <div className="compose__warnings" role="group" aria-label="Before posting" data-testid="media-warnings">
      {first ? (
        <p className="warn">
          {missing.length === 1 ? `Image ${first.index + 1} has` : `${missing.length} images have`} no alt text, which{' '}
          {first.handles.map((h) => `@${h}`).join(' and ')} {first.handles.length === 1 ? 'needs' : 'need'} before posting.{' '}
          <Button type="button" onClick={() => document.getElementById(altFieldId(first.mediaId))?.focus()}>
            Add alt text
          </Button>
        </p>
      ) : null}
      {warnings.map((warning) =>
        warning.kind === 'too-many' ? (
          <p key={warning.handle} className="warn">
            @{warning.handle} takes {warning.max} images; this post has {warning.count}. Remove {warning.count - warning.max} or untick @{warning.handle}.
          </p>
        ) : null,
      )}
    </div>
  );
}
