import { NextResponse } from "next/server";
import { withPermission } from "@/lib/access/guard";
import { can } from "@/lib/access/policy";
import { clientIp, recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { toCsv } from "@/lib/format/csv";
import { KPIS } from "@/lib/kpi";

/**
 * GET /api/export/<kpi>: the KPI as CSV (the reference SQL's columns), from the
 * same query as its dashboard and within the user's plant scope.
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
  let rows;
  try {
    rows = await kpi.fetch((await getDb()).prisma, scope);
  } catch (error) {
    console.error(`[volta] export of ${kpi.name} failed:`, error);
    return NextResponse.json({ error: "The database is not reachable right now; try again shortly." }, { status: 503 });
  }
  await recordAudit({
    action: "data.export",
    actor,
    target: kpi.name,
    details: { rows: rows.length, scope: scope.kind === "all" ? "all" : [...scope.plantIds] },
    ip: clientIp(request.headers),
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(toCsv(kpi.columns.map((c) => c.key), rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kpi.name}-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
