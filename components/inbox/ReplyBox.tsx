import { useId, useState } from 'react';
import { countFor } from '@/lib/compose/count';
import { detectFacets } from '@/lib/compose/facets';
import { audienceLine, replyPrefill, type ReplyParent } from '@/lib/engage/reply-audience';
import { fillSavedReply } from '@/lib/engage/saved-replies';
import type { Account, InboxItem } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useSavedReplies } from '../data/inbox';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { TextArea } from '../ui/TextArea';
import { useToast } from '../ui/Toast';

/**
 * The inline reply: counted exactly as the composer counts (countFor), with the links, tags and
 * mentions that will become facets listed, saved replies with {name}/{handle}, Ctrl+Enter sends.
 * The text stays in the box until the network accepted it. It starts with the @mentions the
 * network's own clients add, and says who will see the reply (lib/engage/reply-audience.ts).
 */
export function ReplyBox({
  account,
  author,
  parent,
  onSend,
}: {
  account: Account;
  author: InboxItem['author'];
  parent: ReplyParent;
  onSend: (text: string) => Promise<void>;
}) {
  const id = useId();
  const prefill = replyPrefill(parent);
  const [text, setText] = useState(prefill);
  const [status, setStatus] = useState('');
  const [isSending, setSending] = useState(false);
  const toast = useToast();
  const { saved, save: saveReply } = useSavedReplies(account.workspaceId);
  const count = countFor(account.network, text, account.limits);
  const { facets, mentions } = detectFacets(text);
  const links = facets.filter((facet) => facet.features[0]?.$type === 'app.bsky.richtext.facet#link').length;
  const tags = facets.length - links;

  const send = async () => {
    if (isSending) return;
    setSending(true);
    setStatus('Sending…');
    try {
      await onSend(text);
      setText(prefill);
      setStatus('Sent.');
      toast({ text: `Reply to @${author.handle} sent from @${account.handle}.` });
    } catch (error) {
      setStatus(`Not sent: ${errorText(error)} ${error instanceof Error && !errorText(error).includes(error.message) ? error.message : ''}`.trim());
    } finally {
      setSending(false);
    }
  };

  const saveAsReply = async () => {
    const name = text.trim().split(/\s+/).slice(0, 4).join(' ');
    await saveReply(name, text);
    setStatus(`Saved as “${name}”. Use {name} and {handle} to fill in the person.`);
  };

  return (
    <form
      className="reply-box"
      aria-label={`Reply as @${account.handle}`}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={`${id}-text`}>Reply as @{account.handle}</label>
      <TextArea
        id={`${id}-text`}
        data-testid="reply-text"
        rows={3}
        value={text}
        aria-describedby={`${id}-audience`}
        onFocus={(event) => {
          // As Mastodon's client does: the caret goes after the prefilled mentions, not before them.
          const box = event.currentTarget;
          if (box.value === prefill && box.selectionStart === 0 && box.selectionEnd === 0) box.setSelectionRange(prefill.length, prefill.length);
        }}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <p id={`${id}-audience`} className="reply-box__audience" data-testid="reply-audience" aria-live="polite">
        {audienceLine(parent, text)}
      </p>
      <p className="reply-box__count" data-testid="reply-count" data-over={count.over} aria-live="polite">
        <span className={count.over ? 'count-line__value count-line__value--over' : 'count-line__value'}>
          {count.over ? `${count.used - count.limit} over` : `${count.used} / ${count.limit}`}
        </span>
        {links || tags || mentions.length ? (
          <span className="muted">
            {' '}
            ·{' '}
            {[
              links && `${links} link${links > 1 ? 's' : ''}`,
              tags && `${tags} tag${tags > 1 ? 's' : ''}`,
              mentions.length && mentions.map((m) => `@${m.handle}`).join(' '),
            ]
              .filter(Boolean)
              .join(', ')}
          </span>
        ) : null}
      </p>
      <div className="reply-box__actions">
        {saved.length ? (
          <Select
            aria-label="Insert a saved reply"
            value=""
            onChange={(event) => setText(prefill + fillSavedReply(saved.find((reply) => reply.id === event.target.value)?.text ?? '', author))}
          >
            <option value="">Saved replies…</option>
            {saved.map((reply) => (
              <option key={reply.id} value={reply.id}>
                {reply.name}
              </option>
            ))}
          </Select>
        ) : null}
        <Button type="button" disabled={!text.trim()} onClick={() => void saveAsReply()}>
          Save as saved reply
        </Button>
        <Button type="submit" disabled={isSending || !text.trim() || count.over} title="Ctrl+Enter">
          Send reply
        </Button>
      </div>
      <p role="status" className="muted" data-testid="reply-status">
        {status}
      </p>
    </form>
  );
}
