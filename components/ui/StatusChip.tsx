import type { ReactNode } from 'react';
import { classNames } from './class-names';

export type Tone = 'neutral' | 'info' | 'success' | 'warn' | 'danger';

const ICONS: Record<Tone, string> = { neutral: '•', info: '◷', success: '✓', warn: '!', danger: '✕' };

/** A small label (a count, a kind, a tag). */
export function Badge({ tone = 'neutral', className, children }: { tone?: Tone; className?: string; children: ReactNode }) {
  return <span className={classNames('ui-badge', `ui-badge--${tone}`, className)}>{children}</span>;
}

/**
 * A state shown with an icon and a word, never colour alone (issue 24): "✓ Published", "✕ Failed".
 * The icon is drawn by CSS (data-icon), so the chip's text is the word alone.
 */
export function StatusChip({ tone, className, children }: { tone: Tone; className?: string; children: ReactNode }) {
  return (
    <span className={classNames('ui-badge', `ui-badge--${tone}`, 'ui-status', className)}>
      <span className="ui-badge__icon" aria-hidden="true" data-icon={ICONS[tone]} />
      {children}
    </span>
  );
}
