import { linkWithoutThumb, readLinkEmbed, readMediaForUpload } from '../compose/media-upload';
import type { ContentLoaders } from './build-input';

/**
 * Images and link cards as the adapters upload them: read from the media database (or the clip's
 * image URL), resized to the account's limits in the service worker (createImageBitmap and
 * OffscreenCanvas), the card's thumbnail fetched and fitted to 1 MB — only for Bluesky: Mastodon
 * builds its own preview card from the link in the text, so fetching the page's og:image for it
 * would only cost time under the lease (issue 18, hole 1).
 */
export const CONTENT_LOADERS: ContentLoaders = {
  loadMedia: (media, account) => readMediaForUpload(media, account.limits, { network: account.network }),
  loadLink: (link, account) => (account.network === 'bluesky' ? readLinkEmbed(link) : Promise.resolve(linkWithoutThumb(link))),
};
