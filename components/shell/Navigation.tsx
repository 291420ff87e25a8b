import { useRef, type KeyboardEvent } from 'react';
import { VIEWS, type ViewId } from './views';
import { Button } from '../ui/Button';

/**
 * WAI-ARIA tabs with a roving tabindex: Tab enters the bar once, arrows/Home/End move and select,
 * and Alt+1…7 jump from anywhere (handled in App).
 */
export function Navigation({ current, onSelect }: { current: ViewId; onSelect: (view: ViewId) => void }) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent, index: number) => {
    const last = VIEWS.length - 1;
    const target = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + VIEWS.length) % VIEWS.length;
    onSelect(VIEWS[next]!.id);
    tabs.current[next]?.focus();
  };
  return (
    <nav className="nav" aria-label="Cadence views">
      <div role="tablist" aria-orientation="horizontal">
        {VIEWS.map((view, index) => (
          <Button
            key={view.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            role="tab"
            id={`tab-${view.id}`}
            aria-selected={current === view.id}
            aria-controls={`panel-${view.id}`}
            aria-keyshortcuts={`Alt+${index + 1}`}
            tabIndex={current === view.id ? 0 : -1}
            onClick={() => onSelect(view.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {view.label}
          </Button>
        ))}
      </div>
    </nav>
  );
}
