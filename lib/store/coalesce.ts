/**
 * A re-read that a burst of changes asks for many times runs at most twice: once when first asked
 * and, if asked again while it runs, once more after it ends, which sees everything the burst
 * wrote by then. Each change announced on the feed used to start its own full re-read: 300 mentions
 * polled in were 302 scans of the inbox and 301 badge writes (issue 18, hole 11).
 *
 * The promise each call returns settles when a read that started after the call has ended. `read`
 * handles its own errors; one that throws anyway does not stop the next run.
 */
export function coalesce(read: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const run: Promise<void> = Promise.resolve()
      .then(read)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (running === run) running = null;
      });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    queued ??= running.then(() => {
      queued = null;
      return start();
    });
    return queued;
  };
}
