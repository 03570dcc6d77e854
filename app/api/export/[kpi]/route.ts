import { NextResponse } from "next/server";
import { withPermission } from "@/lib/access/guard";
import { can } from "@/lib/access/policy";
import { clientIp, recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { csvStream } from "@/lib/export/csv-stream";
import { filtersToSearchParams, parseFilters, todayIn } from "@/lib/filters";
import { KPIS } from "@/lib/kpi";
import { businessTimeZone } from "@/lib/time";

/** Rows per page when a KPI streams its rows (keyset pages). */
const PAGE_SIZE = 5_000;

/**
 * GET /api/export/<kpi>?<filters>: the KPI as CSV (its columns), from the same
 * query, filters and plant scope as its dashboard. Streamed page by page, so
 * row lists of millions of rows never sit in memory. Audited.
 */
export const GET = withPermission<{ kpi: string }>("data:export", async (request, { actor, scope, params }) => {
  const kpi = Object.hasOwn(KPIS, params.kpi) ? KPIS[params.kpi] : undefined;
  if (!kpi) {
    return NextResponse.json({ error: `Unknown KPI "${params.kpi.slice(0, 64)}".`, known: Object.keys(KPIS) }, { status: 404 });
  }
  if (!can(actor, kpi.permission)) {
    await recordAudit({ action: "access.denied", actor, target: `/api/export/${kpi.name}`, ip: clientIp(request.headers) });
    return NextResponse.json({ error: "You are not allowed to export this." }, { status: 403 });
  }
  const parsed = parseFilters(new URL(request.url).searchParams, todayIn(businessTimeZone()));
  if (!parsed.ok) {
    return NextResponse.json({ error: "Invalid filters.", problems: parsed.errors }, { status: 400 });
  }
  const filters = parsed.filters;
  const db = (await getDb()).prisma;
  const columns = kpi.columns.map((c) => c.key);
  const audit = (rows: number, error?: unknown) =>
    recordAudit({
      action: "data.export",
      actor,
      target: kpi.name,
      details: {
        rows,
        filters: filtersToSearchParams(filters).toString(),
        scope: scope.kind === "all" ? "all" : [...scope.plantIds],
        ...(error ? { incomplete: error instanceof Error ? error.message : String(error) } : {}),
      },
      ip: clientIp(request.headers),
    });

  // The first page is read before answering, so a database that is down gets a
  // clear 503 instead of a download that breaks off; later pages stream.
  const source: AsyncIterator<Array<Record<string, string | number>>> = kpi.pages
    ? kpi.pages(db, scope, filters, PAGE_SIZE)[Symbol.asyncIterator]()
    : (async function* () {
        yield await kpi.fetch(db, scope, filters);
      })();
  let first: IteratorResult<Array<Record<string, string | number>>>;
  try {
    first = await source.next();
  } catch (error) {
    console.error(`[volta] export of ${kpi.name} failed:`, error);
    return NextResponse.json({ error: "The database is not reachable right now; try again shortly." }, { status: 503 });
  }
  const pages = {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
    },
  };
  const body = csvStream(columns, pages, (rows, error) => {
    if (error) console.error(`[volta] export of ${kpi.name} stopped after ${rows} rows:`, error);
    return audit(rows, error);
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kpi.name}-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
