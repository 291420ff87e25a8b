import { setAlt } from '@/lib/compose/media-draft';
import type { Media, Post } from '@/lib/model';
import { useBlobUrl } from './use-blob-url';
import { Button } from '../ui/Button';
import { TextArea } from '../ui/TextArea';

interface Props {
  media: Media;
  index: number;
  isAltRequired: boolean;
  edit: (change: (post: Post) => Post) => void;
  onRemove: () => void;
}

export const altFieldId = (mediaId: string) => `alt-${mediaId}`;

/** One attached image: its thumbnail, its alt text and a way to take it off the post. */
export function MediaItem({ media, index, isAltRequired, edit, onRemove }: Props) {
  const { url, error } = useBlobUrl(media.src);
  const size = media.bytes === null ? '' : ` · ${Math.round(media.bytes / 1000)} kB`;
  return (
    <li className="media-item" data-media={media.id}>
      {url ? <img className="media-item__thumb" src={url} alt="" /> : <span className="media-item__thumb media-item__thumb--missing">{error ?? '…'}</span>}
      <div className="media-item__fields">
        <label htmlFor={altFieldId(media.id)}>
          Alt text for image {index + 1}
          {isAltRequired ? ' (required)' : ''}
        </label>
        <TextArea
          id={altFieldId(media.id)}
          rows={2}
          value={media.alt}
          aria-invalid={isAltRequired && media.alt.trim() === ''}
          placeholder="Describe the image for people who cannot see it"
          onChange={(event) => edit((post) => setAlt(post, media.id, event.target.value))}
        />
        <span className="muted">
          {media.width && media.height ? `${media.width}×${media.height}` : 'from the clip'}
          {size}
        </span>{' '}
        <Button type="button" onClick={onRemove} aria-label={`Remove image ${index + 1}`}>
          Remove
        </Button>
      </div>
    </li>
  );
}
