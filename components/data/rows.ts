/**
 * What views need from lib/store without holding the store: the valid rows of a list, and the
 * types of rows and queue filters. Views read and write through the hooks of this folder; this
 * file is the rest of their door to lib/store (the lint's boundary rule lets no view past it).
 */
export { validRows, type ClipFilters, type Row, type SearchCursor } from '@/lib/store';
export type { StepTask, UpgradeProgress } from '@/lib/store/upgrade-progress';
