// CSV files of an import from a folder on disk (the command-line tool).

import fs from "node:fs";
import path from "node:path";
import { TABLE_NAMES } from "../../datagen/tables";
import { type ImportFile, tableOfFileName } from "./import";

/** A folder that cannot be imported as it is: wrong usage, not a data problem. */
export class ImportFolderError extends Error {}

/**
 * The `<table>.csv` files of `folder`, in load order. Any other `.csv` file is
 * an error (a misspelt name would otherwise be skipped silently).
 */
export function importFilesFromFolder(folder: string): ImportFile[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ImportFolderError(`no such folder: ${folder}`);
    if (code === "ENOTDIR") throw new ImportFolderError(`not a folder: ${folder}`);
    throw new ImportFolderError(`cannot read the folder ${folder}: ${(error as Error).message}`);
  }
  const csv = entries.filter((e) => e.isFile() && /\.csv$/i.test(e.name));
  if (csv.length === 0) {
    throw new ImportFolderError(`no CSV files in ${folder}: expected one or more of ${TABLE_NAMES.map((t) => `${t}.csv`).join(", ")}`);
  }
  const unknown = csv.filter((e) => tableOfFileName(e.name) === null).map((e) => e.name);
  if (unknown.length > 0) {
    throw new ImportFolderError(
      `unknown file name${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} in ${folder}: ` +
        `each file must be named after its table (${TABLE_NAMES.map((t) => `${t}.csv`).join(", ")})`,
    );
  }
  const files = csv.map((e): ImportFile => {
    const full = path.join(folder, e.name);
    return {
      name: e.name,
      table: tableOfFileName(e.name)!,
      size: fs.statSync(full).size,
      open: () => fs.createReadStream(full, { highWaterMark: 1024 * 1024 }),
    };
  });
  const tables = files.map((f) => f.table);
  const twice = tables.filter((t, k) => tables.indexOf(t) !== k);
  if (twice.length > 0) throw new ImportFolderError(`more than one file for ${twice.join(", ")} in ${folder}`);
  return TABLE_NAMES.flatMap((t) => files.filter((f) => f.table === t));
}
