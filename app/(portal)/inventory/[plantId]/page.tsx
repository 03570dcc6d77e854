import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { Card, CsvDownload, EmptyState, SectionError, Stat } from "@/components/ui/card";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { requirePermission } from "@/lib/access/guard";
import { can, scopeIncludesPlant, type PlantScope } from "@/lib/access/policy";
import { auditPageView, recordAudit } from "@/lib/audit/record";
import { loadPlantInventory } from "@/lib/data/dashboards";
import { getDb } from "@/lib/db";
import { hrefWithFilters, NO_FILTERS, parseFilters, todayIn, toSearchParams } from "@/lib/filters";
import type { SearchParams } from "@/lib/filters/page";
import { businessTimeZone } from "@/lib/time";
import { sumMoney } from "@/lib/kpi/values";
import { movementOptions } from "@/lib/ops/movements";
import { MovementForms } from "./movement-forms";

export const metadata: Metadata = { title: "Plant inventory" };

/** A plant id from the URL: a positive integer of sane size, else no such page. */
function parsePlantId(raw: string): number | null {
  if (!/^[1-9]\d{0,8}$/.test(raw)) return null;
  return Number(raw);
}

export default async function PlantInventoryPage({ params, searchParams }: { params: Promise<{ plantId: string }>; searchParams: Promise<SearchParams> }) {
  const { plantId: raw } = await params;
  const actor = await requirePermission("inventory:view", `/inventory/${raw}`);
  const plantId = parsePlantId(raw);
  if (plantId === null) notFound();
  // Outside the user's plants: refused before any query, and the query is scoped too.
  if (!scopeIncludesPlant(actor.scope, plantId)) {
    await recordAudit({ action: "access.denied", actor, target: `/inventory/${plantId}`, details: { plantId } });
    forbidden();
  }
  const result = await loadPlantInventory(plantId, actor.scope);
  if (result.ok && result.data === null) notFound();
  await auditPageView(actor, `/inventory/${plantId}`);
  const name = result.ok && result.data ? result.data.plant.name : `Plant ${plantId}`;
  // The page filters do not apply to one plant's stock; the way back keeps them.
  const parsed = parseFilters(toSearchParams(await searchParams), todayIn(businessTimeZone()));
  const back = hrefWithFilters("/inventory", parsed.ok ? parsed.filters : NO_FILTERS);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href={back} className="hover:text-slate-800 hover:underline">
          Inventory
        </Link>{" "}
        / <span aria-current="page">{name}</span>
      </nav>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{name}</h1>
        <p className="mt-1 text-sm text-slate-500">Stock on hand by part category, and the parts at or below their reorder point.</p>
      </div>
      <div className="space-y-6">
        <Suspense fallback={<StatsSkeleton />}>
          <PlantStats plantId={plantId} scope={actor.scope} />
        </Suspense>
        <div className="grid gap-6 xl:grid-cols-2">
          <Suspense fallback={<ChartSkeleton />}>
            <CategoryChart plantId={plantId} scope={actor.scope} />
          </Suspense>
          <Suspense fallback={<TableSkeleton rows={7} />}>
            <CategoryTable plantId={plantId} scope={actor.scope} canExport={can(actor, "data:export")} />
          </Suspense>
        </div>
        <Suspense fallback={<TableSkeleton rows={8} />}>
          <ReorderTable plantId={plantId} scope={actor.scope} canExport={can(actor, "data:export")} />
        </Suspense>
        {can(actor, "inventory:move") ? (
          <Suspense fallback={<TableSkeleton rows={3} />}>
            <MovementCard plantId={plantId} scope={actor.scope} />
          </Suspense>
        ) : null}
      </div>
    </>
  );
}

type SectionProps = { plantId: number; scope: PlantScope };
type TableProps = SectionProps & { canExport: boolean };

/** This plant's rows of a plant managers' KPI, as CSV (the KPI narrowed to the plant, within the user's scope). */
function PlantCsv({ kpi, plantId }: { kpi: string; plantId: number }) {
  return <CsvDownload kpi={kpi} filters={{ ...NO_FILTERS, plantIds: [plantId] }} />;
}

async function PlantStats({ plantId, scope }: SectionProps) {
  const { formatMoneyCompact, formatMoney, formatCount } = await getFormat();
  const result = await loadPlantInventory(plantId, scope);
  if (!result.ok) return <SectionError title="Plant figures unavailable" message={result.message} />;
  if (!result.data) return null;
  const { plant, byCategory, belowReorder } = result.data;
  const total = sumMoney(byCategory.map((c) => c.total_value));
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Stat label="Inventory value" value={formatMoneyCompact(total)} hint={formatMoney(total)} testId="stat-total" />
      <Stat label="Location" value={plant.city} hint={`${plant.country} · capacity ${formatCount(plant.annual_capacity)} vehicles a year`} />
      <Stat label="Parts to reorder" value={formatCount(belowReorder.length)} hint="at or below their reorder point" testId="stat-reorder" />
    </div>
  );
}

async function CategoryChart({ plantId, scope }: SectionProps) {
  const { chart, locale } = await getFormat();
  const result = await loadPlantInventory(plantId, scope);
  if (!result.ok || !result.data) return null;
  const rows = result.data.byCategory;
  return (
    <Card title="Value by category" description="Quantity × unit cost, in US dollars." testId="chart-card">
      {rows.length === 0 ? (
        <EmptyState title="No stock at this plant" />
      ) : (
        <PlotlyChart
          locale={locale}
          label={`Bar chart of inventory value by part category at ${result.data.plant.name}`}
          figure={{
            data: [
              {
                type: "bar",
                orientation: "h",
                y: rows.map((r) => r.category),
                x: rows.map((r) => Number(r.total_value)),
                marker: { color: "#059669" },
                hovertemplate: `%{y}<br>${chart.usd("%{x:,.2f}")}<extra></extra>`,
              },
            ],
            layout: {
              xaxis: { title: { text: "Inventory value (USD)" }, ...chart.usdAxis, separatethousands: true },
              yaxis: { autorange: "reversed", automargin: true },
              margin: { l: 110, r: 24, t: 16, b: 48 },
            },
          }}
        />
      )}
    </Card>
  );
}

async function CategoryTable({ plantId, scope, canExport }: TableProps) {
  const result = await loadPlantInventory(plantId, scope);
  if (!result.ok || !result.data) return null;
  const rows = result.data.byCategory;
  return (
    <Card title="Stock by category" testId="table-card" actions={canExport && rows.length > 0 ? <PlantCsv kpi="inventory-by-category" plantId={plantId} /> : null}>
      {rows.length === 0 ? (
        <EmptyState title="No stock at this plant" />
      ) : (
        <KpiTable
          kpi="plant-inventory-by-category"
          caption="Stock by part category"
          columns={[
            { key: "category", label: "Category", kind: "text" },
            { key: "parts", label: "Parts", kind: "count" },
            { key: "units", label: "Units", kind: "count" },
            { key: "total_value", label: "Value", kind: "money" },
          ]}
          rows={rows}
          total={{ total_value: sumMoney(rows.map((r) => r.total_value)) }}
        />
      )}
    </Card>
  );
}

async function ReorderTable({ plantId, scope, canExport }: TableProps) {
  const result = await loadPlantInventory(plantId, scope);
  if (!result.ok || !result.data) return null;
  const rows = result.data.belowReorder;
  return (
    <Card
      title="Parts to reorder"
      description="At or below the reorder point, largest shortfall first."
      testId="reorder-card"
      actions={canExport && rows.length > 0 ? <PlantCsv kpi="parts-below-reorder" plantId={plantId} /> : null}
    >
      {rows.length === 0 ? (
        <EmptyState title="Nothing to reorder">Every part is above its reorder point.</EmptyState>
      ) : (
        <KpiTable
          kpi="plant-parts-to-reorder"
          caption="Parts at or below their reorder point"
          columns={[
            { key: "part_number", label: "Part", kind: "text" },
            { key: "part_name", label: "Name", kind: "text" },
            { key: "category", label: "Category", kind: "text" },
            { key: "supplier_name", label: "Supplier", kind: "text" },
            { key: "quantity", label: "On hand", kind: "count" },
            { key: "reorder_point", label: "Reorder point", kind: "count" },
            { key: "unit_cost", label: "Unit cost", kind: "money" },
          ]}
          rows={rows}
          maxHeight="32rem"
        />
      )}
    </Card>
  );
}

async function MovementCard({ plantId, scope }: SectionProps) {
  let options: Awaited<ReturnType<typeof movementOptions>>;
  try {
    options = await movementOptions(await getDb(), scope);
  } catch {
    return <SectionError title="Stock movements unavailable" message="The database did not answer; try again in a moment." />;
  }
  return (
    <Card title="Stock movement" description="Receive, consume, transfer or count stock. Every change is recorded in the stock ledger." testId="movement-card">
      <MovementForms
        plantId={plantId}
        targets={options.plants.filter((p) => p.plantId !== plantId)}
        parts={options.parts}
      />
    </Card>
  );
}
