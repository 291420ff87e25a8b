/**
 * The markup was not what an extractor expects; the pipeline saves a link instead. In its own
 * module so the site scripts, which bundle the social extractors, do not bundle zod with it.
 */
export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}
