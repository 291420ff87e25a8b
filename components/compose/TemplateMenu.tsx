import { useState, type KeyboardEvent } from 'react';
import type { Template } from '@/lib/compose/media-db';
import type { useTemplates } from './use-templates';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

interface Props {
  /** The workspace's templates and their actions, held by the composer so its closed section can name them. */
  handle: ReturnType<typeof useTemplates>;
  /** The text in the editor now, to save as a template. */
  currentText: () => string;
  /** Puts the template's text (placeholders filled) at the caret of the editor. */
  onInsert: (template: Template) => void;
}

/**
 * Templates and snippets as a listbox: ↑/↓ choose, Enter inserts at the caret, F2 renames,
 * Delete deletes. The buttons do the same for pointer users.
 */
export function TemplateMenu({ handle, currentText, onInsert }: Props) {
  const { templates, status, create, rename, remove, say } = handle;
  const [activeId, setActiveId] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const list = templates ?? [];
  const active = list.find((t) => t.id === activeId) ?? list[0] ?? null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (!active) return;
    const at = list.indexOf(active);
    const go = (index: number) => setActiveId(list[Math.max(0, Math.min(list.length - 1, index))]!.id);
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(list.length - 1),
      Enter: () => insert(active),
      F2: () => setRenaming({ id: active.id, name: active.name }),
      Delete: () => void remove(active),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  const insert = (template: Template) => {
    onInsert(template);
    say(`Inserted “${template.name}”.`);
  };

  return (
    <section className="templates" aria-labelledby="templates-heading">
      <h3 id="templates-heading" className="compose__subhead">
        Templates and snippets
      </h3>
      {list.length > 0 ? (
        <ul
          role="listbox"
          tabIndex={0}
          aria-label="Templates"
          aria-activedescendant={active ? `tpl-${active.id}` : undefined}
          aria-describedby="templates-keys"
          className="templates__list"
          onKeyDown={onKeyDown}
        >
          {list.map((template) => (
            <li
              key={template.id}
              id={`tpl-${template.id}`}
              role="option"
              aria-selected={template.id === active?.id}
              onClick={() => setActiveId(template.id)}
              onDoubleClick={() => insert(template)}
            >
              <strong>{template.name}</strong> <span className="muted">{template.text.slice(0, 60)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {templates
            ? 'No templates yet. Write text below, name it and save it to reuse it; {title}, {url}, {author}, {quote} and {quoteUrl} fill in from the clip (the last two from a clipped selection).'
            : 'Loading templates…'}
        </p>
      )}
      {active ? (
        <div className="templates__actions">
          <span id="templates-keys" className="muted">
            Enter inserts at the cursor, F2 renames, Delete deletes.
          </span>
          <Button type="button" onClick={() => insert(active)}>
            Insert “{active.name}”
          </Button>
          <Button type="button" onClick={() => setRenaming({ id: active.id, name: active.name })}>
            Rename
          </Button>
          <Button type="button" onClick={() => void remove(active)}>
            Delete
          </Button>
        </div>
      ) : null}
      {renaming ? (
        <form
          className="templates__form"
          onSubmit={(event) => {
            event.preventDefault();
            void rename(renaming.id, renaming.name).then((ok) => ok && setRenaming(null));
          }}
          onKeyDown={(event) => event.key === 'Escape' && setRenaming(null)}
        >
          <label>
            New name
            <TextField autoFocus value={renaming.name} onChange={(event) => setRenaming({ ...renaming, name: event.target.value })} />
          </label>
          <Button type="submit">Save name</Button>
          <Button type="button" onClick={() => setRenaming(null)}>
            Cancel
          </Button>
        </form>
      ) : null}
      <form
        className="templates__form"
        onSubmit={(event) => {
          event.preventDefault();
          void create(newName, currentText()).then((ok) => ok && setNewName(''));
        }}
      >
        <label>
          Template name
          <TextField value={newName} onChange={(event) => setNewName(event.target.value)} placeholder="e.g. Weekly roundup" />
        </label>
        <Button type="submit">Save text as template</Button>
      </form>
      <p role="status" aria-live="polite" className="muted" data-testid="templates-status">
        {status}
      </p>
    </section>
  );
}
