// Bundled by bench/migration.ts (rolldown, IIFE) and evaluated in an extension page: the product's
// own database code, so the benchmark builds older versions with the real ladder.
import { backupBeforeUpgrade } from '../lib/backup/pre-migration';
import { DB_VERSION } from '../lib/store/migrations';
import { openCadenceDb } from '../lib/store/open-db';

export const helper = { openCadenceDb, backupBeforeUpgrade, DB_VERSION };
(globalThis as unknown as { cadenceBench: typeof helper }).cadenceBench = helper;
