import type { Delivery, SentMedia } from '@/lib/model';
import { shownWords } from '@/lib/schedule/shown-words';
import { useBlobUrl } from '../compose/use-blob-url';

/**
 * The record of what a published delivery sent (Delivery.sent): every part's words and the images
 * that went with them, as they were then, whatever the post says now. Edited on the network, the
 * words there now come first and the words first posted after them.
 */
export function SentRecord({ delivery }: { delivery: Delivery }) {
  const shown = shownWords(delivery, null);
  if (!shown.isSent) return null;
  const first = delivery.sent?.parts.map((part) => part.text) ?? [];
  const isEdited = shown.editedAt !== null;
  return (
    <details className="chip__sent" data-testid="sent-record">
      <summary>What went out</summary>
      <ol className="chip__sent-parts" data-testid="sent-parts">
        {shown.parts.map((text, index) => (
          <li key={index}>{delivery.sent?.parts[index]?.comment ? `First comment: ${text}` : text}</li>
        ))}
      </ol>
      {shown.media === null ? (
        delivery.sent?.parts[0]?.alts.length ? (
          <p>{delivery.sent.parts[0].alts.length} image(s); Cadence kept only their alt text then.</p>
        ) : null
      ) : shown.media.length > 0 ? (
        <ul className="chip__sent-media" data-testid="sent-media">
          {shown.media.map((media, index) => (
            <SentImage key={index} media={media} />
          ))}
        </ul>
      ) : null}
      {isEdited ? (
        <>
          <p>First posted as:</p>
          <ol className="chip__sent-parts" data-testid="sent-first">
            {first.map((text, index) => (
              <li key={index}>{text}</li>
            ))}
          </ol>
        </>
      ) : null}
    </details>
  );
}

function SentImage({ media }: { media: SentMedia }) {
  const { url, error } = useBlobUrl(media.src);
  return (
    <li data-src={media.src}>
      {url ? <img src={url} alt={media.alt} width={64} /> : <span>{error ?? 'Loading image…'}</span>}
      <span className="chip__alt">{media.alt ? `Alt text: ${media.alt}` : 'No alt text'}</span>
    </li>
  );
}
