import type { ClipCapture, ClipImage } from '../model';
import { absoluteHttpUrl, baseUrl } from './dom';
import type { ExtractContext, Extractor } from './extractor';
import { pageMeta } from './page-meta';
import { WARNINGS } from './warnings';

/** An image the user right-clicked: its absolute URL, alt text and natural size, and the page it was on. */
export const imageExtractor: Extractor = {
  id: 'image',
  canExtract: () => true,
  extract(doc: Document, context: ExtractContext): ClipCapture {
    const meta = pageMeta(doc, context);
    const base = baseUrl(doc, context.request.pageUrl);
    const src = absoluteHttpUrl(context.request.srcUrl, base) ?? context.request.srcUrl ?? null;
    if (!src) return meta;
    const element = findImage(doc, src, base);
    const image: ClipImage = element
      ? {
          src,
          alt: element.getAttribute('alt')?.trim() ?? '',
          width: size(element.naturalWidth, element.getAttribute('width')),
          height: size(element.naturalHeight, element.getAttribute('height')),
        }
      : { src, alt: '', width: null, height: null };
    return {
      ...meta,
      kind: 'image',
      title: image.alt || meta.title,
      image,
      leadImage: src,
      warnings: element ? [] : [WARNINGS.imageNotFound],
    };
  },
};

function findImage(doc: Document, src: string, base: string): HTMLImageElement | null {
  for (const img of doc.querySelectorAll('img')) {
    if (img.currentSrc === src || absoluteHttpUrl(img.getAttribute('src'), base) === src) return img;
  }
  return null;
}

/** The decoded size when the image has loaded, else the size the markup declares, else unknown. */
function size(natural: number, declared: string | null): number | null {
  if (Number.isInteger(natural) && natural > 0) return natural;
  const parsed = Number.parseInt(declared ?? '', 10);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : null;
}
