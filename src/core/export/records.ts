import type { z } from 'zod';
import type { attemptRecord, exportRecord } from './parse.js';

/**
 * The JSON Lines export (`sre-drill export --format json`): a header line, then one line per
 * session, attempt and review-log entry. Records refer to each other by `uid`, so an export merges
 * into any store. The zod schema in `parse.ts` is the one source for its type and its validation on
 * import; it is kept apart so that the store, which writes exports, does not load zod.
 */

export const EXPORT_FORMAT = 'sre-drill-export';
export const EXPORT_VERSION = 1;

export type ExportRecord = z.output<typeof exportRecord>;
export type AttemptRecord = z.output<typeof attemptRecord>;
