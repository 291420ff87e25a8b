import { step001 } from './001-initial';
import { step002 } from './002-clip-search';
import { step003 } from './003-engage';
import { step004 } from './004-terms-by-time';
import { step005 } from './005-clip-tally';
import { step006 } from './006-feeds';
import { step007 } from './007-posts-by-campaign';
import { step008 } from './008-team';
import type { MigrationStep } from './step';

/** The ladder, oldest first. Append new steps; never edit a published one. */
export const MIGRATIONS: readonly MigrationStep[] = [step001, step002, step003, step004, step005, step006, step007, step008];

export const DB_VERSION = MIGRATIONS.length;
