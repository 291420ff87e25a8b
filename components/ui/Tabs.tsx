import type { ReactNode } from 'react';
import { classNames } from './class-names';
import { focusOption, rovingIndex } from './roving-keys';

export interface TabItem {
  id: string;
  label: ReactNode;
  /** A counter shown after the label ("287/300"); `isOver` colours it as a problem. */
  count?: { text: string; isOver: boolean; label?: string };
}

/**
 * A tab list (WAI-ARIA tabs, automatic activation). The panel is the caller's: give it
 * `role="tabpanel"`, `id={tabPanelId(idPrefix, selected)}` and `aria-labelledby={tabId(idPrefix, selected)}`.
 */
export function Tabs({
  label,
  idPrefix,
  tabs,
  selected,
  onSelect,
}: {
  label: string;
  idPrefix: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  return (
    <div role="tablist" aria-label={label} className="ui-tabs">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(idPrefix, tab.id)}
          aria-selected={tab.id === selected}
          aria-controls={tabPanelId(idPrefix, tab.id)}
          tabIndex={tab.id === selected ? 0 : -1}
          className="ui-tabs__tab"
          onClick={() => onSelect(tab.id)}
          onKeyDown={(event) => {
            const next = rovingIndex(event, i, tabs.length);
            if (next === null) return;
            onSelect(tabs[next]!.id);
            focusOption(event, '[role="tab"]', next);
          }}
        >
          {tab.label}
          {tab.count ? (
            <span className={classNames('ui-tabs__count', tab.count.isOver && 'ui-tabs__count--over')} aria-label={tab.count.label}>
              {tab.count.text}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const tabPanelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;
