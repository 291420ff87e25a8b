import { useId, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { Clip } from '@/lib/model';
import { safeHref } from '../safe-href';
import { ReaderBody } from './ReaderBody';
import { readerMetaLine } from './reader-meta';
import './reader.css';
import { Button } from '../../ui/Button';

export interface ClipReaderProps {
  clip: Clip;
  /** Called once the dialog has closed (Escape, Close): the opener takes focus back then. */
  onClose: () => void;
  onCompose?: () => void;
}

/**
 * A clipped article to read inside the side panel: a modal <dialog>, so it sits in the top layer
 * above the virtual list's transformed rows, the queue behind it is inert, and Tab stays inside.
 * It takes focus itself on open, so a screen reader announces its title and ↓/Page Down scroll it.
 */
export function ClipReader({ clip, onClose, onCompose }: ClipReaderProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const href = safeHref(clip.url);
  const meta = readerMetaLine(clip);
  useLayoutEffect(() => {
    const element = dialog.current!;
    if (!element.open) element.showModal();
    element.focus();
    // No close on unmount: a modal dialog taken out of the document leaves the top layer with it.
  }, []);
  const close = () => dialog.current?.close();
  const onKeyDown = (event: KeyboardEvent) => {
    // Chromium closes a modal dialog on Escape by itself; this makes it so wherever it would not.
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };

  return (
    <dialog ref={dialog} className="clip-reader" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown} onClose={onClose}>
      <div className="clip-reader__bar">
        <Button type="button" onClick={close}>
          Close
        </Button>
        {onCompose ? (
          <Button type="button" onClick={onCompose}>
            Compose from this
          </Button>
        ) : null}
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            Open source
          </a>
        ) : null}
      </div>
      <header className="clip-reader__header">
        <h2 id={titleId} className="clip-reader__title">
          {clip.title || clip.url}
        </h2>
        {meta ? <p className="clip-reader__meta">{meta}</p> : null}
      </header>
      <ReaderBody clip={clip} />
    </dialog>
  );
}
