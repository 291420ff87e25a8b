import { lazy, Suspense } from 'react';
import type { ClipReaderProps } from './reader/ClipReader';
import { Button } from '../ui/Button';

/**
 * The reader and the sanitizer it runs (with DOMPurify, for browsers without the Sanitizer API)
 * are a chunk of their own, fetched the first time Read is pressed: the queue's first bundle does
 * not carry them. A chunk that cannot load (the extension was updated under the open panel) says so.
 */
const ClipReader = lazy(() =>
  import('./reader/ClipReader').then(
    (module) => ({ default: module.ClipReader }),
    () => ({ default: ReaderUnavailable }),
  ),
);

export function ReaderSlot(props: ClipReaderProps) {
  return (
    <Suspense
      fallback={
        <p className="reader-slot" role="status" aria-busy="true">
          Opening the reader…
        </p>
      }
    >
      <ClipReader {...props} />
    </Suspense>
  );
}

function ReaderUnavailable({ onClose }: ClipReaderProps) {
  return (
    <p className="reader-slot" role="alert">
      The reader could not be loaded. Reload the side panel, then press Read again.{' '}
      <Button type="button" onClick={onClose}>
        Dismiss
      </Button>
    </p>
  );
}
