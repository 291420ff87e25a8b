import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Clip } from '@/lib/model';
import { ClipCard } from './ClipCard';
import { ClipEditor } from './ClipEditor';
import { isReadable } from './is-readable';
import { ReaderSlot } from './ReaderSlot';

export interface ClipListProps {
  /** The matches loaded so far, newest first. */
  clips: Clip[];
  /** Every match, for screen readers (aria-setsize); -1 while only estimated. */
  setSize: number;
  /** More matches than `clips`: the list asks for them as its end scrolls into view. */
  hasMore: boolean;
  onEndReached: () => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onTag: (tag: string) => void;
  onCompose?: (id: string) => void;
  /** Read on a feed item: its page is opened and clipped (./use-read-feed-item.ts). Absent: feed items offer no Read. */
  onReadFeedItem?: (clip: Clip) => void;
}

/** Rows from the end of the loaded ones at which the next page is asked for. */
const LOAD_AHEAD = 20;

/**
 * Only the rows in view are in the DOM (@tanstack/react-virtual), so 100,000 clips cost what 20 do;
 * pages of matches load as the end of the loaded ones scrolls near.
 * One row at a time is in the tab order (roving tabindex): ↑/↓ move, Enter edits tags and note,
 * Space selects. Keys are handled only when the row itself has focus, never inside its fields.
 * Read (articles) opens the reader over the list; closing it gives focus back to that button.
 */
export function ClipList({ clips, setSize, hasMore, onEndReached, selected, onToggle, onTag, onCompose, onReadFeedItem }: ClipListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [reading, setReading] = useState<{ id: string; opener: HTMLElement } | null>(null);
  const virtualizer = useVirtualizer({ count: clips.length, getScrollElement: () => scroller.current, estimateSize: () => 132, overscan: 6 });
  const current = Math.min(active, clips.length - 1);
  const lastInView = virtualizer.getVirtualItems().at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastInView >= clips.length - LOAD_AHEAD) onEndReached();
  }, [hasMore, lastInView, clips.length, onEndReached]);

  const focusRow = (index: number) => {
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const row = () => scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    // A row far away mounts only after the scroll above renders it.
    if (row()) row()!.focus();
    else requestAnimationFrame(() => row()?.focus());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number, clip: Clip) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'ArrowDown' && index < clips.length - 1) focusRow(index + 1);
    else if (event.key === 'ArrowUp' && index > 0) focusRow(index - 1);
    else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(clips.length - 1);
    else if (event.key === 'Enter') setEditing(clip.id);
    else if (event.key === ' ') onToggle(clip.id);
    else return;
    event.preventDefault();
  };
  const closeEditor = (index: number) => {
    setEditing(null);
    focusRow(index);
  };
  const readClip = reading ? clips.find((clip) => clip.id === reading.id) : undefined;
  // A clip that leaves the list (archived in another window, filtered away) takes its reader with it.
  useEffect(() => {
    if (reading && !readClip) setReading(null);
  }, [reading, readClip]);
  const closeReader = () => {
    if (!reading) return;
    setReading(null);
    // Back to the Read button; if its row was scrolled out and unmounted, to the row as ↑/↓ would.
    if (reading.opener.isConnected) reading.opener.focus();
    else {
      const index = clips.findIndex((clip) => clip.id === reading.id);
      if (index >= 0) focusRow(index);
    }
  };

  return (
    <div ref={scroller} className="clip-scroller">
      <ul className="clip-list" data-testid="clip-list" data-loaded={clips.length} aria-label="Clips" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const clip = clips[item.index]!;
          return (
            <li
              key={clip.id}
              ref={virtualizer.measureElement}
              data-index={item.index}
              data-clip-id={clip.id}
              className="clip-row"
              aria-posinset={item.index + 1}
              aria-setsize={setSize}
              tabIndex={item.index === current ? 0 : -1}
              style={{ transform: `translateY(${item.start}px)` }}
              onFocus={(event) => event.target === event.currentTarget && setActive(item.index)}
              onKeyDown={(event) => onKeyDown(event, item.index, clip)}
            >
              <ClipCard
                clip={clip}
                isSelected={selected.has(clip.id)}
                actions={{
                  onToggle: () => onToggle(clip.id),
                  onEdit: () => setEditing(clip.id),
                  onTag,
                  onCompose: onCompose && (() => onCompose(clip.id)),
                  // A feed item has only the feed's summary: Read opens its page and clips the whole article.
                  onRead: isReadable(clip)
                    ? (opener) => setReading({ id: clip.id, opener })
                    : clip.kind === 'feed-item' && onReadFeedItem
                      ? () => onReadFeedItem(clip)
                      : undefined,
                }}
              />
              {editing === clip.id ? <ClipEditor clip={clip} onClose={() => closeEditor(item.index)} /> : null}
            </li>
          );
        })}
      </ul>
      {hasMore ? (
        <p className="clip-list__more" aria-busy="true">
          Loading more clips…
        </p>
      ) : null}
      {readClip ? <ReaderSlot clip={readClip} onClose={closeReader} onCompose={onCompose && (() => onCompose(readClip.id))} /> : null}
    </div>
  );
}
