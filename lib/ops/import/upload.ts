// Limits and shapes of the admin upload page (shared by the page, its form and
// its server action).

import { TABLE_NAMES, type TableName } from "../../datagen/table-names";
import type { Rejection } from "./import";

/**
 * The largest upload the page accepts, all files together: 50 MB, or
 * VOLTA_IMPORT_MAX_UPLOAD_MB. Next.js refuses server-action bodies over
 * `experimental.serverActions.bodySizeLimit` (52 MB in next.config.js): raise
 * both together. Larger sets belong to `npm run import`.
 */
export function importUploadLimitBytes(): number {
  const mb = Number(process.env.VOLTA_IMPORT_MAX_UPLOAD_MB);
  if (Number.isFinite(mb) && mb > 0) return Math.floor(mb * 1024 * 1024);
  return 50 * 1024 * 1024;
}

/** The importable files' tables in load order. */
export const UPLOAD_TABLES: readonly TableName[] = TABLE_NAMES;

/** How many rejected rows the page lists. */
export const UPLOAD_MAX_ERRORS = 100;

export type ImportState =
  | null
  | {
      ok: true;
      counts: Partial<Record<TableName, number>>;
      rows: number;
      seconds: number;
      upsert: boolean;
    }
  | {
      ok: false;
      error: string;
      rejections?: Rejection[];
      rejectedCount?: number;
    };

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
