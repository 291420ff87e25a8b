import type { HighlightRule } from '../engage/highlight-rules';
import { contentRuntime, sendFromContent } from './content-send';
import { CONTENT_PUSH } from '../app/names';

interface FollowDeps {
  win?: Window;
  ask?: () => Promise<{ rules: HighlightRule[] }>;
  runtime?: ReturnType<typeof contentRuntime>;
}

/**
 * The site script's copy of the listening highlight rules. Asked now; again when the background
 * says they changed (it does while it is awake and sees the change); and again when the page is
 * shown or focused, because a stream edited in the side panel while the worker slept sends no
 * word. Asks never overlap: a reason to ask during an ask asks once more after it. A failed ask
 * keeps the last rules (the page goes on; an updated extension leaves this script orphaned).
 */
export function followHighlightRules(
  apply: (rules: HighlightRule[]) => void,
  { win = window, ask = () => sendFromContent('listen.highlightRules', {}), runtime = contentRuntime() }: FollowDeps = {},
): () => void {
  let asking = false;
  let again = false;
  let stopped = false;
  const refresh = async () => {
    if (asking) return void (again = true);
    asking = true;
    try {
      do {
        again = false;
        const { rules } = await ask().catch(() => ({ rules: null }));
        if (rules && !stopped) apply(rules);
      } while (again && !stopped);
    } finally {
      asking = false;
    }
  };
  const onPush = (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === CONTENT_PUSH.highlightRulesChanged) void refresh();
  };
  const onShown = () => {
    if (win.document.visibilityState === 'visible') void refresh();
  };
  runtime?.onMessage.addListener(onPush);
  win.document.addEventListener('visibilitychange', onShown);
  win.addEventListener('focus', onShown);
  void refresh();
  return () => {
    stopped = true;
    runtime?.onMessage.removeListener(onPush);
    win.document.removeEventListener('visibilitychange', onShown);
    win.removeEventListener('focus', onShown);
  };
}
