import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button, type ButtonVariant } from './Button';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  isDisabled?: boolean;
}

/**
 * A menu button (WAI-ARIA APG): Enter, Space or ↓ opens it on the first item, arrows move, Escape and
 * Tab close it and focus returns to the button. Items are buttons with role="menuitem".
 */
export function Menu({ label, items, variant = 'secondary' }: { label: string; items: readonly MenuItem[]; variant?: ButtonVariant }) {
  const [isOpen, setIsOpen] = useState(false);
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (isOpen) listRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [isOpen]);
  const close = (isFocusReturned: boolean) => {
    setIsOpen(false);
    if (isFocusReturned) buttonRef.current?.focus();
  };
  const onListKey = (event: KeyboardEvent) => {
    const options = [...(listRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const at = options.indexOf(document.activeElement as HTMLElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: options.length - 1 }[event.key];
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
    else if (move !== undefined && options.length) {
      event.preventDefault();
      options[(move + options.length) % options.length]!.focus();
    }
  };
  return (
    <span className="ui-menu" onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && setIsOpen(false)}>
      <Button
        ref={buttonRef}
        type="button"
        variant={variant}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? listId : undefined}
        onClick={() => setIsOpen(!isOpen)}
        onKeyDown={(event) => event.key === 'ArrowDown' && (event.preventDefault(), setIsOpen(true))}
      >
        {label} <span aria-hidden="true">▾</span>
      </Button>
      {isOpen ? (
        <ul ref={listRef} id={listId} role="menu" aria-label={label} className="ui-menu__list" onKeyDown={onListKey}>
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                className="ui-menu__item"
                disabled={item.isDisabled}
                tabIndex={-1}
                onClick={() => (close(true), item.onSelect())}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}
