import { NextResponse } from "next/server";
import { withPermission } from "@/lib/access/guard";
import { can } from "@/lib/access/policy";
import { clientIp, recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { csvExportResponse } from "@/lib/export/response";
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

  const pages: AsyncIterable<Array<Record<string, string | number>>> = kpi.pages
    ? kpi.pages(db, scope, filters, PAGE_SIZE)
    : (async function* () {
        yield await kpi.fetch(db, scope, filters);
      })();
  return csvExportResponse({ name: kpi.name, columns, pages, onDone: audit });
});
