import { useCallback, useState } from 'react';
import { addMedia } from '@/lib/compose/media-draft';
import { mediaOf, putMedia } from '@/lib/compose/media-store';
import { resizeImage, type ResizeProgress } from '@/lib/compose/resize-image';
import type { SizeLimits } from '@/lib/compose/resize-plan';
import type { Post } from '@/lib/model';
import { errorText } from '../common/error-text';

export interface AttachState {
  /** The file being worked on and how far along, for the progress line. */
  progress: { name: string; index: number; total: number; step: ResizeProgress } | null;
  /** Plain sentences, one per file that could not be attached; nothing else is lost. */
  errors: string[];
}

/**
 * Attaching files from disk: each is checked, resized to `limits` (the strictest chosen network)
 * and stored in the media database before the post refers to it, one at a time so progress is
 * honest and memory stays low.
 */
export function useAttach(edit: (change: (post: Post) => Post) => void, limits: SizeLimits, room: number) {
  const [state, setState] = useState<AttachState>({ progress: null, errors: [] });
  const attach = useCallback(
    async (files: readonly File[]) => {
      const errors: string[] = [];
      const taken = files.slice(0, Math.max(0, room));
      if (files.length > taken.length) {
        errors.push(
          `${files.length - taken.length} of these images were not added: this post can hold ${room === 0 ? 'no more' : `only ${room} more`}. Remove one to add another.`,
        );
      }
      for (const [index, file] of taken.entries()) {
        try {
          const resized = await resizeImage(file, limits, (step) =>
            setState((s) => ({ ...s, progress: { name: file.name, index, total: taken.length, step } })),
          );
          const row = await putMedia({ blob: resized.blob, width: resized.width, height: resized.height, name: file.name }, Date.now());
          edit((post) => addMedia(post, mediaOf(row)));
        } catch (error) {
          errors.push(`${file.name}: ${errorText(error)}`);
        }
      }
      setState({ progress: null, errors });
    },
    [edit, limits, room],
  );
  const dismiss = useCallback(() => setState((s) => ({ ...s, errors: [] })), []);
  return { ...state, attach, dismiss };
}
