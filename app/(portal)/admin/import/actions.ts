"use server";

import { revalidatePath } from "next/cache";
import { noteDataChanged } from "@/lib/cache/results";
import { authorizeAction } from "@/lib/access/guard";
import { recordAudit } from "@/lib/audit/record";
import { TABLE_NAMES, type TableName } from "@/lib/datagen/tables";
import { getDb } from "@/lib/db";
import { ImportFailedError, type ImportFile, importCsvFiles, tableOfFileName } from "@/lib/ops/import";
import { type ImportState, UPLOAD_MAX_ERRORS, formatBytes, importUploadLimitBytes } from "@/lib/ops/import/upload";

// The CSV upload of /admin/import: permission first, then the files, then the
// import (one transaction), then the audit entry, then fresh dashboards.

/** A browser File as the import reads it: a stream of bytes. */
function fileSource(file: File, table: TableName): ImportFile {
  return {
    name: file.name,
    table,
    size: file.size,
    async *open() {
      const reader = file.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

export async function importCsv(_previous: ImportState, formData: FormData): Promise<ImportState> {
  const auth = await authorizeAction("data:import");
  if (!auth.ok) return auth;

  const uploads = formData.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  if (uploads.length === 0) return { ok: false, error: "Choose one or more CSV files to import." };
  const limit = importUploadLimitBytes();
  const total = uploads.reduce((sum, f) => sum + f.size, 0);
  if (total > limit) {
    return {
      ok: false,
      error: `The files are too large to upload here (${formatBytes(total)}; at most ${formatBytes(limit)} in total). Import larger sets with \`npm run import\`.`,
    };
  }
  const files: ImportFile[] = [];
  const seen = new Set<TableName>();
  for (const upload of uploads) {
    const table = tableOfFileName(upload.name);
    if (!table) {
      return {
        ok: false,
        error: `"${upload.name}" is not one of the importable files: ${TABLE_NAMES.map((t) => `${t}.csv`).join(", ")}.`,
      };
    }
    if (seen.has(table)) return { ok: false, error: `Two files for ${table}: upload one ${table}.csv at a time.` };
    seen.add(table);
    files.push(fileSource(upload, table));
  }
  const upsert = formData.get("upsert") === "on";
  const target = files.map((f) => f.name).join(", ");

  let result;
  try {
    result = await importCsvFiles(await getDb(), files, { upsert, maxErrors: UPLOAD_MAX_ERRORS });
  } catch (error) {
    console.error("[volta] CSV import failed:", error);
    const reason = error instanceof ImportFailedError ? error.message : "the database did not answer as expected";
    await recordAudit({ action: "data.import", actor: auth.actor, target, details: { upsert, failed: reason.slice(0, 500) } });
    return { ok: false, error: `The import failed: ${reason}. Nothing was imported; try again.` };
  }

  if (!result.ok) {
    await recordAudit({ action: "data.import", actor: auth.actor, target, details: { upsert, rejected: result.rejectedCount } });
    return {
      ok: false,
      error: `The files were rejected: ${result.rejectedCount} problem${result.rejectedCount === 1 ? "" : "s"} found. Nothing was imported.`,
      rejections: result.rejections,
      rejectedCount: result.rejectedCount,
    };
  }
  await recordAudit({
    action: "data.import",
    actor: auth.actor,
    target,
    details: { upsert, counts: result.counts, rows: result.rows, seconds: Number(result.seconds.toFixed(3)) },
  });
  noteDataChanged(Object.keys(result.counts));
  revalidatePath("/", "layout");
  return { ok: true, counts: result.counts, rows: result.rows, seconds: result.seconds, upsert };
}
