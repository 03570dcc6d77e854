import type { Metadata } from "next";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { Card, CsvDownload, EmptyState, PageHeader, SectionError, Stat } from "@/components/ui/card";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { PlantKpiSections } from "@/components/plant/plant-kpi-sections";
import { can, type PlantScope } from "@/lib/access/policy";
import { requirePermission } from "@/lib/access/guard";
import { auditPageView } from "@/lib/audit/record";
import { PageFilterBar, UnappliedNote } from "@/components/filters/page-filters";
import { loadInventoryValueByPlant } from "@/lib/data/dashboards";
import { type Filters, filtersKeyFor, hrefWithFilters } from "@/lib/filters";
import { SECTION_FILTERS } from "@/lib/filters/applies";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";
import { share, sumMoney } from "@/lib/kpi/values";

export const metadata: Metadata = { title: "Inventory value by plant" };

const FIELDS = SECTION_FILTERS["inventory-value-by-plant"];

export default async function InventoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("inventory:view", "/inventory");
  await auditPageView(actor, "/inventory");
  const page = await readPageFilters(searchParams, "/inventory");
  const { scope } = actor;
  const { filters } = page;
  // Stock depends on the plant filter only: other filters leave these sections as they are.
  const key = filtersKeyFor(filters, FIELDS);
  return (
    <>
      <PageHeader title="Inventory value by plant" description="Value of the parts on hand at each plant: quantity × unit cost." />
      <PageFilterBar page={page} scope={scope} path="/inventory" />
      {page.ok ? (
        <div className="space-y-6">
          <UnappliedNote filters={filters} fields={FIELDS} reason="stock on hand has a plant, but no sale date, model, customer region or channel" />
          <Suspense key={`stats${key}`} fallback={<StatsSkeleton />}>
            <InventoryStats scope={scope} filters={filters} />
          </Suspense>
          <Suspense key={`chart${key}`} fallback={<ChartSkeleton />}>
            <InventoryChart scope={scope} filters={filters} />
          </Suspense>
          <Suspense key={`table${key}`} fallback={<TableSkeleton rows={5} />}>
            <InventoryTable scope={scope} filters={filters} canExport={can(actor, "data:export")} />
          </Suspense>
          <PlantKpiSections scope={scope} filters={filters} canExport={can(actor, "data:export")} />
        </div>
      ) : null}
    </>
  );
}

type SectionProps = { scope: PlantScope; filters: Filters };

const NO_STOCK = <EmptyState title="No inventory on record">Stock levels appear here once parts are received at a plant.</EmptyState>;

async function InventoryStats({ scope, filters }: SectionProps) {
  const { formatMoneyCompact, formatMoney, formatPercent } = await getFormat();
  const result = await loadInventoryValueByPlant(scope, filters);
  if (!result.ok) return <SectionError title="Inventory figures unavailable" message={result.message} />;
  const rows = result.data;
  if (rows.length === 0) return null;
  const total = sumMoney(rows.map((r) => r.total_inventory_value));
  const top = rows[0]!;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Stat label="Total inventory value" value={formatMoneyCompact(total)} hint={formatMoney(total)} testId="stat-total" />
      <Stat label="Plants" value={String(rows.length)} />
      <Stat label="Largest stock" value={top.plant_name} hint={`${formatPercent(share(top.total_inventory_value, total))} of the total`} />
    </div>
  );
}

async function InventoryChart({ scope, filters }: SectionProps) {
  const { chart, locale } = await getFormat();
  const result = await loadInventoryValueByPlant(scope, filters);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  return (
    <Card title="Inventory value" description="Per plant, in US dollars." testId="chart-card">
      {rows.length === 0 ? (
        NO_STOCK
      ) : (
        <PlotlyChart
          locale={locale}
          label="Bar chart of inventory value by plant"
          hrefs={rows.map((r) => hrefWithFilters(`/inventory/${r.plant_id}`, filters))}
          figure={{
            data: [
              {
                type: "bar",
                x: rows.map((r) => r.plant_name),
                y: rows.map((r) => Number(r.total_inventory_value)),
                marker: { color: "#059669" },
                hovertemplate: `%{x}<br>${chart.usd("%{y:,.2f}")}<extra></extra>`,
              },
            ],
            layout: {
              xaxis: { title: { text: "Plant" } },
              yaxis: { title: { text: "Inventory value (USD)" }, ...chart.usdAxis, separatethousands: true },
            },
          }}
        />
      )}
    </Card>
  );
}

async function InventoryTable({ scope, filters, canExport }: SectionProps & { canExport: boolean }) {
  const result = await loadInventoryValueByPlant(scope, filters);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  const total = sumMoney(rows.map((r) => r.total_inventory_value));
  return (
    <Card title="Inventory value by plant" description="Highest value first. Open a plant for its stock by category and the parts to reorder." testId="table-card" actions={canExport && rows.length > 0 ? <CsvDownload kpi="inventory-value-by-plant" filters={filters} /> : null}>
      {rows.length === 0 ? (
        NO_STOCK
      ) : (
        <KpiTable
          kpi="inventory-value-by-plant"
          caption="Inventory value by plant"
          columns={[
            { key: "plant_name", label: "Plant", kind: "text" },
            { key: "total_inventory_value", label: "Inventory value", kind: "money" },
            { key: "share", label: "Share", kind: "percent" },
          ]}
          rows={rows.map((r) => ({ ...r, share: share(r.total_inventory_value, total) }))}
          rowLinks={rows.map((r) => hrefWithFilters(`/inventory/${r.plant_id}`, filters))}
          total={{ total_inventory_value: total, share: 1 }}
        />
      )}
    </Card>
  );
}
