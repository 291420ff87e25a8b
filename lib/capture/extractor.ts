import type { ClipCapture } from '../model';
import type { CaptureRequest } from './capture-request';

export type { CaptureRequest } from './capture-request';

export interface ExtractContext {
  request: CaptureRequest;
  /** The page's address (request.pageUrl), parsed. */
  url: URL;
}

/**
 * One extractor per kind of thing we clip. `canExtract` decides from the URL and markup alone;
 * `extract` reads a document (never the live one when it needs to change it) and throws
 * `ExtractError` when the markup is not what it knows, so the pipeline can fall back.
 */
export interface Extractor {
  readonly id: string;
  canExtract(url: URL, doc: Document): boolean;
  extract(doc: Document, context: ExtractContext): ClipCapture;
}

export { ExtractError } from './extract-error';
