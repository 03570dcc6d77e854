import { NextResponse } from "next/server";
import { csvStream } from "./csv-stream";

type Row = Record<string, string | number | null>;

/**
 * The HTTP answer of a CSV export: `columns`, then the rows of `pages` as they
 * arrive. The first page is read before answering, so a database that is down
 * gets a clear 503 instead of a download that breaks off; later pages stream,
 * pulled only as fast as the client reads. `onDone` gets the number of rows
 * written (and the error when the download stopped early), for the audit.
 */
export async function csvExportResponse(options: {
  /** What is exported, for the log and the file name (letters, digits and dashes are kept). */
  name: string;
  columns: readonly string[];
  pages: AsyncIterable<readonly Row[]>;
  onDone: (rows: number, error?: unknown) => Promise<void>;
}): Promise<Response> {
  const { name, columns, onDone } = options;
  const source = options.pages[Symbol.asyncIterator]();
  let first: IteratorResult<readonly Row[]>;
  try {
    first = await source.next();
  } catch (error) {
    console.error(`[volta] export of ${name} failed:`, error);
    return NextResponse.json({ error: "The database is not reachable right now; try again shortly." }, { status: 503 });
  }
  const pages = {
    async *[Symbol.asyncIterator]() {
      try {
        if (first.done) return;
        yield first.value;
        for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
      } finally {
        await source.return?.();
      }
    },
  };
  const body = csvStream(columns, pages, (rows, error) => {
    if (error) console.error(`[volta] export of ${name} stopped after ${rows} rows:`, error);
    return onDone(rows, error);
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileSafe(name)}-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A file name part: ASCII letters, digits and dashes only. */
export function fileSafe(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9-]+/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "export"
  );
}
