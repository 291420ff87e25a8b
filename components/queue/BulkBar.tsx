import { useState } from 'react';
import { errorText } from '../common/error-text';
import { useClipWrites } from '../data/clips';
import { Button } from '../ui/Button';
import { useToast } from '../ui/Toast';

/** Acts on the selected clips; appears only while something is selected. */
export function BulkBar({ selected, onDone }: { selected: ReadonlySet<string>; onDone: () => void }) {
  const { archive: archiveClips, unarchive } = useClipWrites();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  if (selected.size === 0) return null;
  const archive = () => {
    archiveClips(selected)
      .then((before) => {
        toast({
          text: `Archived ${before.length} ${before.length === 1 ? 'clip' : 'clips'}.`,
          undo: async () => `Undone: ${await unarchive(before)} back in the queue.`,
        });
        onDone();
      })
      .catch((error: unknown) => setFailure(errorText(error)));
  };
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected clips">
      <span>{selected.size} selected</span>
      <Button type="button" onClick={archive}>
        Archive selected
      </Button>
      <Button type="button" onClick={onDone}>
        Clear selection
      </Button>
      {failure ? <p role="alert">{failure}</p> : null}
    </div>
  );
}
