import type { MigrationStep } from './step';

/** The posts index the calendar reads campaigns through (see CAMPAIGN_INDEX). */
export const POSTS_BY_CAMPAIGN = 'by-workspace-campaign';

/**
 * Version 7: posts listed by [workspaceId, campaign] (issue 20). The calendar's campaign bands
 * needed every post of the range read and parsed for its one `campaign` field (2,000 `get`s and
 * zod parses for a busy month, ~190 ms of a 930 ms month render in a CPU profile); through this
 * index it reads post ids per campaign, keys only. A post without a campaign (null is not a valid
 * key) is not in the index, which is what the bands want. IndexedDB builds the index from the
 * rows already stored, natively: nothing is read or written here row by row, so an upgrade to
 * this version alone makes no backup copy (MigrationStep.keepsRows).
 */
export const step007: MigrationStep = {
  version: 7,
  description: 'index posts by campaign',
  keepsRows: true,
  upgrade(_db, tx) {
    tx.objectStore('posts').createIndex(POSTS_BY_CAMPAIGN, ['workspaceId', 'campaign']);
  },
};
