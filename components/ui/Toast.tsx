import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from './Button';

/**
 * Feedback after an action (issue 24): "Queued for Tue 09:00 on @northwind.bsky.social — Undo". One
 * toast at a time, in a polite live region; a toast with Undo stays 10 s, others 5 s, and hovering or
 * focusing it keeps it. Undo runs the caller's real reversal, then the toast says what it did.
 */
export interface ToastInput {
  text: string;
  undo?: (() => Promise<string | void>) | null;
}

type ShowToast = (toast: ToastInput) => void;

const ToastContext = createContext<ShowToast>(() => undefined);

export function useToast(): ShowToast {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<(ToastInput & { key: number }) | null>(null);
  const [isHeld, setIsHeld] = useState(false);
  const keyRef = useRef(0);
  const show = useCallback<ShowToast>((next) => setToast({ ...next, key: ++keyRef.current }), []);
  useEffect(() => {
    if (!toast || isHeld) return;
    const timer = setTimeout(() => setToast((now) => (now?.key === toast.key ? null : now)), toast.undo ? 10_000 : 5_000);
    return () => clearTimeout(timer);
  }, [toast, isHeld]);
  const undo = useCallback(async () => {
    if (!toast?.undo) return;
    const run = toast.undo;
    setToast({ text: 'Undoing…', key: ++keyRef.current });
    try {
      show({ text: (await run()) || 'Undone.' });
    } catch (error) {
      show({ text: `Could not undo: ${error instanceof Error ? error.message : String(error)}` });
    }
  }, [toast, show]);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        className="ui-toasts"
        role="status"
        aria-live="polite"
        onMouseEnter={() => setIsHeld(true)}
        onMouseLeave={() => setIsHeld(false)}
        onFocus={() => setIsHeld(true)}
        onBlur={() => setIsHeld(false)}
      >
        {toast ? (
          <div className="ui-toast" key={toast.key} data-testid="toast">
            <p>{toast.text}</p>
            {toast.undo ? (
              <Button variant="quiet" type="button" onClick={() => void undo()}>
                Undo
              </Button>
            ) : null}
            <Button variant="quiet" type="button" aria-label="Dismiss" onClick={() => setToast(null)}>
              ✕
            </Button>
          </div>
        ) : null}
      </div>
    </ToastContext.Provider>
  );
}
