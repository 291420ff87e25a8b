import { lazy, Suspense, useState } from 'react';
import { useImportedHolds } from '../data/imported-holds';
import { useActiveWorkspaceRow } from '../data/workspace';

const ImportedHolds = lazy(() => import('./ImportedHolds').then((module) => ({ default: module.ImportedHolds })));
const PausedQueue = lazy(() => import('./PausedQueue').then((module) => ({ default: module.PausedQueue })));

/**
 * The banners a panel seldom shows — imported posts held (issue 18), the queue paused (issue 17) —
 * loaded only when there is something to say: their buttons' code (scheduling, luxon's time
 * zones) was a fifth of the panel's first bundle (issue 20). Once loaded, a banner stays mounted,
 * so it can still say what came of its buttons after it has nothing left to show.
 */
export function ShellNotices() {
  const hasHolds = useOnceTrue((useImportedHolds()?.length ?? 0) > 0);
  const isPaused = useOnceTrue(Boolean(useActiveWorkspaceRow()?.queuePause));
  return (
    <>
      {hasHolds ? (
        <Suspense fallback={null}>
          <ImportedHolds />
        </Suspense>
      ) : null}
      {isPaused ? (
        <Suspense fallback={null}>
          <PausedQueue />
        </Suspense>
      ) : null}
    </>
  );
}

/** True from the first render where `value` is true on. */
function useOnceTrue(value: boolean): boolean {
  const [was, setWas] = useState(value);
  if (value && !was) setWas(true);
  return was || value;
}
