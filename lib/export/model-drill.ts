import "server-only";
import { NextResponse } from "next/server";
import { can, type Actor, type Permission, type PlantScope } from "../access/policy";
import { clientIp, recordAudit } from "../audit/record";
import { getDb } from "../db";
import { type Filters, filtersToSearchParams, parseFilters, todayIn } from "../filters";
import { parseModelSegment } from "../filters/drill";
import { modelExists } from "../kpi/model-breakdown";
import { businessTimeZone } from "../time";

/**
 * What the model drill-down's exports check before reading any row, in order:
 * the view permission besides `data:export` (403, audited), the model in the
 * path (404 when malformed or unknown), the page filters (400 naming each bad
 * parameter). Returns the answer to give, or what the export needs.
 */
export async function openModelExport(
  request: Request,
  actor: Actor,
  rawModel: string,
  permission: Permission,
): Promise<{ ok: false; response: Response } | { ok: true; model: string; filters: Filters; search: URLSearchParams; db: Awaited<ReturnType<typeof getDb>>["prisma"] }> {
  const url = new URL(request.url);
  if (!can(actor, permission)) {
    await recordAudit({ action: "access.denied", actor, target: url.pathname, details: { permission }, ip: clientIp(request.headers) });
    return { ok: false, response: NextResponse.json({ error: "You are not allowed to export this." }, { status: 403 }) };
  }
  const model = parseModelSegment(rawModel);
  const db = (await getDb()).prisma;
  let known: boolean;
  try {
    known = model !== null && (await modelExists(db, model));
  } catch (error) {
    console.error("[volta] export: model lookup failed:", error);
    return { ok: false, response: NextResponse.json({ error: "The database is not reachable right now; try again shortly." }, { status: 503 }) };
  }
  if (model === null || !known) {
    return { ok: false, response: NextResponse.json({ error: `Unknown model "${rawModel.slice(0, 64)}".` }, { status: 404 }) };
  }
  const parsed = parseFilters(url.searchParams, todayIn(businessTimeZone()));
  if (!parsed.ok) return { ok: false, response: NextResponse.json({ error: "Invalid filters.", problems: parsed.errors }, { status: 400 }) };
  return { ok: true, model, filters: parsed.filters, search: url.searchParams, db };
}

/** The audit entry of a finished (or broken off) drill-down export. */
export function auditModelExport(
  request: Request,
  actor: Actor,
  scope: PlantScope,
  target: string,
  details: { model: string; filters: Filters; selection?: Record<string, string | null> },
) {
  return (rows: number, error?: unknown) =>
    recordAudit({
      action: "data.export",
      actor,
      target,
      details: {
        rows,
        model: details.model,
        filters: filtersToSearchParams(details.filters).toString(),
        ...(details.selection ? { selection: details.selection } : {}),
        scope: scope.kind === "all" ? "all" : [...scope.plantIds],
        ...(error ? { incomplete: error instanceof Error ? error.message : String(error) } : {}),
      },
      ip: clientIp(request.headers),
    });
}
