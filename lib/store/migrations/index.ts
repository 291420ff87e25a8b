import { step001 } from './001-initial';
import type { MigrationStep } from './step';

/** The ladder, oldest first. Append new steps; never edit a published one. */
export const MIGRATIONS: readonly MigrationStep[] = [step001];

export const DB_VERSION = MIGRATIONS.length;
