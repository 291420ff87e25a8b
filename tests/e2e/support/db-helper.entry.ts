// Bundled by ./db-in-page.ts and evaluated in an extension page: the product's own database code,
// so e2e tests and benchmarks build older versions with the real ladder and write clips with their
// real search terms.
import './zod-jitless';
import { backupDbName, isCompleteBackup } from '@/lib/store/migrations/pre-migration-backup';
import { runUpgradeWork } from '@/lib/store/upgrade-work/run-upgrade-work';
import { UPGRADE_WORK_ID } from '@/lib/store/upgrade-work/work-state';
import { clipSchema } from '@/lib/model';
import { DB_VERSION } from '@/lib/store/migrations';
import { openCadenceDb } from '@/lib/store/open-db';
import { clipTermsOf } from '@/lib/store/search/terms';
import { tallyClipChanges } from '@/lib/store/tally/tally-clip-changes';

export const helper = {
  openCadenceDb,
  runUpgradeWork,
  UPGRADE_WORK_ID,
  backupDbName,
  isCompleteBackup,
  DB_VERSION,
  clipTermsOf,
  clipSchema,
  tallyClipChanges,
};
(globalThis as unknown as { cadenceDb: typeof helper }).cadenceDb = helper;
