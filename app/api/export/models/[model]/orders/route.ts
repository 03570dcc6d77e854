import { NextResponse } from "next/server";
import { withPermission } from "@/lib/access/guard";
import { csvExportResponse } from "@/lib/export/response";
import { auditModelExport, openModelExport } from "@/lib/export/model-drill";
import { parseOrderListParams } from "@/lib/filters/drill";
import { MODEL_ORDER_COLUMNS, modelOrderPages } from "@/lib/kpi/model-orders";

/**
 * GET /api/export/models/<model>/orders?<filters>&trim=&month=&sort=&dir=:
 * every order of the model's order list — the same query, filters, drill-down
 * selection, sort order and plant scope as /models/<model>/orders — as CSV.
 * Read in keyset pages of 5,000 and streamed, so a million orders never sit in
 * memory. A page position (`after`, `before`) is ignored: the export starts at
 * the first order. Needs `orders:view` besides `data:export`. Audited.
 */
export const GET = withPermission<{ model: string }>("data:export", async (request, { actor, scope, params }) => {
  const opened = await openModelExport(request, actor, params.model, "orders:view");
  if (!opened.ok) return opened.response;
  const { model, filters, search, db } = opened;
  const list = parseOrderListParams(search);
  if (!list.ok) return NextResponse.json({ error: "Invalid order list parameters.", problems: list.errors }, { status: 400 });
  const { trim, month, sort, dir } = list.value;
  const selection = { trim, month, sort, dir };
  return csvExportResponse({
    name: `${model}-orders`,
    columns: MODEL_ORDER_COLUMNS,
    pages: modelOrderPages(db, scope, model, filters, selection),
    onDone: auditModelExport(request, actor, scope, "model-orders", { model, filters, selection }),
  });
});
