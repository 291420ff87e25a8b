import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { Clip } from '@/lib/model';
import { ClipCard } from './ClipCard';
import { ClipEditor } from './ClipEditor';

export interface ClipListProps {
  clips: Clip[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onTag: (tag: string) => void;
  onCompose?: (id: string) => void;
}

/**
 * Only the rows in view are in the DOM (@tanstack/react-virtual), so 100,000 clips cost what 20 do.
 * One row at a time is in the tab order (roving tabindex): ↑/↓ move, Enter edits tags and note,
 * Space selects. Keys are handled only when the row itself has focus, never inside its fields.
 */
export function ClipList({ clips, selected, onToggle, onTag, onCompose }: ClipListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const virtualizer = useVirtualizer({ count: clips.length, getScrollElement: () => scroller.current, estimateSize: () => 132, overscan: 6 });
  const current = Math.min(active, clips.length - 1);

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

  return (
    <div ref={scroller} className="clip-scroller">
      <ul className="clip-list" data-testid="clip-list" aria-label="Clips" style={{ height: virtualizer.getTotalSize() }}>
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
              aria-setsize={clips.length}
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
                }}
              />
              {editing === clip.id ? <ClipEditor clip={clip} onClose={() => closeEditor(item.index)} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
