import { useState } from 'react';
import { errorText } from '../common/error-text';
import { Button } from '../ui/Button';

/** Sends a saved post to the publisher now; resolves with a sentence about what happened. */
export type ShareNow = (postId: string) => Promise<string>;

interface Props {
  disabled: boolean;
  shareNow: ShareNow;
  /** Saves the draft and checks it may go out; null stops here (the reason is already shown). */
  prepare: () => Promise<string | null>;
  onShared: (message: string, postId: string) => void | Promise<void>;
  onError: (message: string) => void;
}

/** "Share now", beside Add to queue and Schedule at…: idle → sending → done or a reason. */
export function ShareNowButton({ disabled, shareNow, prepare, onShared, onError }: Props) {
  const [isSending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    try {
      const postId = await prepare();
      if (postId) await onShared(await shareNow(postId), postId);
    } catch (error) {
      onError(errorText(error));
    } finally {
      setSending(false);
    }
  };
  return (
    <Button type="button" disabled={disabled || isSending} aria-busy={isSending} onClick={() => void send()}>
      {isSending ? 'Sharing…' : 'Share now'}
    </Button>
  );
}
