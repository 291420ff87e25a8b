import { useState } from 'react';
import { cardHost, linkCardFromClip } from '@/lib/compose/link-card';
import type { Clip, Post } from '@/lib/model';
import { Button } from '../ui/Button';

/** The link card as Bluesky and Mastodon draw it: image on top, title, description, host. */
export function LinkCardPreview({ post, clip, edit }: { post: Post; clip: Clip | null; edit: (change: (post: Post) => Post) => void }) {
  const [isImageBroken, setImageBroken] = useState(false);
  const fromClip = clip ? linkCardFromClip(clip) : null;
  const card = post.link;
  if (!card) {
    return fromClip ? (
      <p>
        <Button type="button" onClick={() => edit((p) => ({ ...p, link: fromClip }))}>
          Add link card
        </Button>
      </p>
    ) : null;
  }
  return (
    <figure className="link-card" aria-label="Link card preview" data-testid="link-card">
      {card.imageUrl && !isImageBroken ? <img className="link-card__image" src={card.imageUrl} alt="" onError={() => setImageBroken(true)} /> : null}
      <figcaption className="link-card__body">
        <strong className="link-card__title">{card.title}</strong>
        {card.description ? <span className="link-card__description">{card.description}</span> : null}
        <span className="link-card__host muted">{cardHost(card.url)}</span>
        {isImageBroken ? <span className="warn">The card’s image could not be loaded; the card will go out without it.</span> : null}
      </figcaption>
      <Button type="button" className="link-card__remove" onClick={() => edit((p) => ({ ...p, link: null }))}>
        Remove link card
      </Button>
    </figure>
  );
}
