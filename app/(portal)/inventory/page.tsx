import type { Metadata } from "next";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { Card, CsvDownload, EmptyState, PageHeader, SectionError, Stat } from "@/components/ui/card";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { PlantKpiSections } from "@/components/plant/plant-kpi-sections";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { can, type PlantScope } from "@/lib/access/policy";
import { requirePermission } from "@/lib/access/guard";
import { auditPageView } from "@/lib/audit/record";
import { loadInventoryValueByPlant } from "@/lib/data/dashboards";
import { formatMoney, formatMoneyCompact, formatPercent } from "@/lib/format/number";
import { share, sumMoney } from "@/lib/kpi/values";
import { parseFilters, todayIn } from "@/lib/filters";
import { businessTimeZone } from "@/lib/time";

export const metadata: Metadata = { title: "Inventory value by plant" };

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("inventory:view", "/inventory");
  await auditPageView(actor, "/inventory");
  const { scope } = actor;
  const parsed = parseFilters(await searchParams, todayIn(businessTimeZone()));
  return (
    <>
      <PageHeader title="Inventory value by plant" description="Value of the parts on hand at each plant: quantity × unit cost." />
      <div className="space-y-6">
        <Suspense fallback={<StatsSkeleton />}>
          <InventoryStats scope={scope} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton />}>
          <InventoryChart scope={scope} />
        </Suspense>
        <Suspense fallback={<TableSkeleton rows={5} />}>
          <InventoryTable scope={scope} canExport={can(actor, "data:export")} />
        </Suspense>
        {parsed.ok ? (
          <PlantKpiSections scope={scope} filters={parsed.filters} canExport={can(actor, "data:export")} />
        ) : (
          <InvalidFilters errors={parsed.errors} resetHref="/inventory" />
        )}
      </div>
    </>
  );
}

const NO_STOCK = <EmptyState title="No inventory on record">Stock levels appear here once parts are received at a plant.</EmptyState>;

async function InventoryStats({ scope }: { scope: PlantScope }) {
  const result = await loadInventoryValueByPlant(scope);
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

async function InventoryChart({ scope }: { scope: PlantScope }) {
  const result = await loadInventoryValueByPlant(scope);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  return (
    <Card title="Inventory value" description="Per plant, in US dollars." testId="chart-card">
      {rows.length === 0 ? (
        NO_STOCK
      ) : (
        <PlotlyChart
          label="Bar chart of inventory value by plant"
          figure={{
            data: [
              {
                type: "bar",
                x: rows.map((r) => r.plant_name),
                y: rows.map((r) => Number(r.total_inventory_value)),
                marker: { color: "#059669" },
                hovertemplate: "%{x}<br>$%{y:,.2f}<extra></extra>",
              },
            ],
            layout: {
              xaxis: { title: { text: "Plant" } },
              yaxis: { title: { text: "Inventory value (USD)" }, tickprefix: "$", separatethousands: true },
            },
          }}
        />
      )}
    </Card>
  );
}

async function InventoryTable({ scope, canExport }: { scope: PlantScope; canExport: boolean }) {
  const result = await loadInventoryValueByPlant(scope);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  const total = sumMoney(rows.map((r) => r.total_inventory_value));
  return (
    <Card title="Inventory value by plant" description="Highest value first. Open a plant for its stock by category and the parts to reorder." testId="table-card" actions={canExport && rows.length > 0 ? <CsvDownload kpi="inventory-value-by-plant" /> : null}>
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
          rowLinks={rows.map((r) => `/inventory/${r.plant_id}`)}
          total={{ total_inventory_value: total, share: 1 }}
        />
      )}
    </Card>
  );
}
