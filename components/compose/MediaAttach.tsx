import { useState, type DragEvent } from 'react';
import { addMedia, maxImagesFor, removeMedia } from '@/lib/compose/media-draft';
import { imageLimitsFor, strictestLimits } from '@/lib/compose/media-limits';
import { deleteMedia, isStoredSrc, keyOfSrc } from '@/lib/compose/media-store';
import type { Account, Clip, Post } from '@/lib/model';
import { useDraftStore } from '../data/drafts';
import { clipImages, mediaFromClipImage } from './clip-images';
import { MediaItem } from './MediaItem';
import { useAttach } from './use-attach';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

interface Props {
  post: Post;
  clip: Clip | null;
  accounts: Account[];
  edit: (change: (post: Post) => Post) => void;
}

/** Images on the post: from the clip or from disk (file picker or drop), resized to the chosen networks. */
export function MediaAttach({ post, clip, accounts, edit }: Props) {
  const limits = strictestLimits(accounts.map(imageLimitsFor));
  const max = maxImagesFor(accounts);
  const room = max - post.media.length;
  const { progress, errors, attach, dismiss } = useAttach(edit, limits, room);
  const [isOver, setOver] = useState(false);
  const drafts = useDraftStore();
  const offered = clipImages(clip).filter((image) => !post.media.some((media) => media.src === image.src));
  const isAltRequired = accounts.some((account) => account.publishMode === 'api' && imageLimitsFor(account).isAltRequired);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void attach([...event.dataTransfer.files]);
  };
  const remove = (mediaId: string, src: string) => {
    edit((current) => removeMedia(current, mediaId));
    // The blob belongs to this post alone, unless a published round recorded it as sent (then it
    // is the record's); a failed delete only leaves an unused blob behind.
    if (!isStoredSrc(src)) return;
    void drafts
      .isRecordedMedia(post.id, src)
      .then((isRecorded) => (isRecorded ? undefined : deleteMedia(keyOfSrc(src))))
      .catch((error: unknown) => console.error('Cadence: could not delete an image blob', error));
  };

  return (
    <section className="media" aria-labelledby="media-heading">
      <h3 id="media-heading" className="compose__subhead">
        Images{' '}
        <span className="muted">
          ({post.media.length} of {max})
        </span>
      </h3>
      {post.media.length > 0 ? (
        <ul className="media__list">
          {post.media.map((media, index) => (
            <MediaItem key={media.id} media={media} index={index} isAltRequired={isAltRequired} edit={edit} onRemove={() => remove(media.id, media.src)} />
          ))}
        </ul>
      ) : null}
      <div
        className={`media__drop${isOver ? ' media__drop--over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="media-drop"
      >
        <label>
          Add images from disk (or drop them here)
          <TextField
            type="file"
            accept="image/*"
            multiple
            disabled={progress !== null || room <= 0}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void attach(files);
            }}
          />
        </label>
        <span className="muted">
          Resized to fit: at most {Math.round(limits.maxBytes / 1000).toLocaleString('en')} kB and {limits.maxDimension} px.
        </span>
      </div>
      {offered.length > 0 ? (
        <div className="media__offered">
          {offered.map((image, index) => (
            <Button key={image.src} type="button" disabled={room <= 0} onClick={() => edit((current) => addMedia(current, mediaFromClipImage(image)))}>
              <img src={image.src} alt="" className="media__offered-thumb" /> Add{' '}
              {index === 0 && image.src === clip?.leadImage ? 'the lead image' : `image ${index + 1}`} from the clip
            </Button>
          ))}
        </div>
      ) : null}
      <div role="status" aria-live="polite" data-testid="media-progress">
        {progress ? (
          <>
            <progress aria-label="Resizing" /> {progress.step.phase === 'decode' ? 'Reading' : 'Resizing'} {progress.name} ({progress.index + 1} of{' '}
            {progress.total}){progress.step.attempt > 1 ? `, smaller try ${progress.step.attempt}` : ''}…
          </>
        ) : null}
      </div>
      {errors.length > 0 ? (
        <div role="alert" className="media__errors" data-testid="media-errors">
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
          <Button type="button" onClick={dismiss}>
            Dismiss
          </Button>
        </div>
      ) : null}
    </section>
  );
}
