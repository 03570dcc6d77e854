import { NextResponse } from "next/server";
import { withPermission } from "@/lib/access/guard";
import { csvExportResponse } from "@/lib/export/response";
import { auditModelExport, openModelExport } from "@/lib/export/model-drill";
import { BREAKDOWN_EXPORT_COLUMNS, BREAKDOWN_EXPORTS, type BreakdownExport, breakdownExportRows, fetchModelBreakdown } from "@/lib/kpi/model-breakdown";

/**
 * GET /api/export/models/<model>/breakdown/<trim|plant|region|month>?<filters>:
 * one breakdown card of /models/<model> as CSV — the same query, filters and
 * plant scope, rows in the table's order. Needs `models:view` besides
 * `data:export`. Audited.
 */
export const GET = withPermission<{ model: string; dimension: string }>("data:export", async (request, { actor, scope, params }) => {
  const opened = await openModelExport(request, actor, params.model, "models:view");
  if (!opened.ok) return opened.response;
  const dimension = (BREAKDOWN_EXPORTS as readonly string[]).includes(params.dimension) ? (params.dimension as BreakdownExport) : null;
  if (dimension === null) {
    return NextResponse.json({ error: `Unknown breakdown "${params.dimension.slice(0, 64)}".`, known: BREAKDOWN_EXPORTS }, { status: 404 });
  }
  const { model, filters, db } = opened;
  return csvExportResponse({
    name: `${model}-by-${dimension}`,
    columns: BREAKDOWN_EXPORT_COLUMNS[dimension],
    pages: (async function* () {
      yield breakdownExportRows(await fetchModelBreakdown(db, scope, model, filters), dimension);
    })(),
    onDone: auditModelExport(request, actor, scope, `model-by-${dimension}`, { model, filters }),
  });
});
