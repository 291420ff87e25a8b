import type { ReactNode } from 'react';

/**
 * A collapsible group of secondary options (a native <details>): closed, its summary line says what is
 * set inside ("UTM: medium social, campaign winter"), so nothing set is hidden without a trace.
 */
export function Section({ title, summary, isOpenAtFirst = false, children }: { title: string; summary: string; isOpenAtFirst?: boolean; children: ReactNode }) {
  return (
    <details className="ui-section" open={isOpenAtFirst}>
      <summary>
        {title}
        {summary ? <span className="ui-section__summary">{summary}</span> : null}
      </summary>
      <div className="ui-section__body">{children}</div>
    </details>
  );
}
