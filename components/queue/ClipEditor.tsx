import { useState, type KeyboardEvent } from 'react';
import type { Clip } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useClipWrites } from '../data/clips';
import { parseTags } from './queue-filters';
import { Button } from '../ui/Button';
import { TextArea } from '../ui/TextArea';
import { TextField } from '../ui/TextField';

/** Tags and note of one clip, edited in place. Enter in the tags box saves; Escape leaves unchanged. */
export function ClipEditor({ clip, onClose }: { clip: Clip; onClose: () => void }) {
  const { saveCuration } = useClipWrites();
  const [tags, setTags] = useState(clip.tags.join(', '));
  const [note, setNote] = useState(clip.note);
  const [failure, setFailure] = useState<string | null>(null);
  const save = () => {
    saveCuration(clip.id, { tags: parseTags(tags), note: note.trim() })
      .then(onClose)
      .catch((error: unknown) => setFailure(errorText(error)));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation(); // arrows and Space belong to the fields here, not to the list
    if (event.key === 'Escape') onClose();
  };
  return (
    <form
      className="clip-editor"
      aria-label={`Tags and note for ${clip.title || clip.url}`}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        Tags <span className="help">(separate with commas)</span>
        <TextField autoFocus value={tags} onChange={(event) => setTags(event.target.value)} />
      </label>
      <label>
        Note
        <TextArea rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      {failure ? <p role="alert">{failure}</p> : null}
      <Button type="submit">Save</Button>{' '}
      <Button type="button" onClick={onClose}>
        Cancel
      </Button>
    </form>
  );
}
