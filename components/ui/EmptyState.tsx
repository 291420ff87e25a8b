import type { ReactNode } from 'react';

/** What a view shows when it has nothing yet: a title, why, and what to do (`children`). */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state ui-empty" aria-label={title}>
      <h2>{title}</h2>
      <div className="empty-state__body">{children}</div>
    </section>
  );
}
