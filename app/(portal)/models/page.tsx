import type { Metadata } from "next";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { Card, CsvDownload, EmptyState, PageHeader, SectionError, Stat } from "@/components/ui/card";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { can, type PlantScope } from "@/lib/access/policy";
import { requirePermission } from "@/lib/access/guard";
import { auditPageView } from "@/lib/audit/record";
import { loadRevenueByModel } from "@/lib/data/dashboards";
import { formatCount, formatMoney, formatMoneyCompact, formatPercent } from "@/lib/format/number";
import { share, sumMoney } from "@/lib/kpi/values";

export const metadata: Metadata = { title: "Revenue share by model" };

const PALETTE = ["#047857", "#0ea5e9", "#f59e0b", "#8b5cf6", "#ef4444", "#14b8a6", "#64748b", "#ec4899"];

export default async function ModelsPage() {
  const actor = await requirePermission("models:view", "/models");
  await auditPageView(actor, "/models");
  const { scope } = actor;
  return (
    <>
      <PageHeader title="Revenue share by model" description="Units sold and revenue per vehicle model, and each model's share of revenue." />
      <div className="space-y-6">
        <Suspense fallback={<StatsSkeleton />}>
          <ModelStats scope={scope} />
        </Suspense>
        <div className="grid gap-6 xl:grid-cols-2">
          <Suspense fallback={<ChartSkeleton />}>
            <ModelChart scope={scope} />
          </Suspense>
          <Suspense fallback={<TableSkeleton rows={5} />}>
            <ModelTable scope={scope} canExport={can(actor, "data:export")} />
          </Suspense>
        </div>
      </div>
    </>
  );
}

const NO_SALES = <EmptyState title="No sales recorded yet">Model shares appear here as soon as vehicles are sold.</EmptyState>;

async function ModelStats({ scope }: { scope: PlantScope }) {
  const result = await loadRevenueByModel(scope);
  if (!result.ok) return <SectionError title="Model figures unavailable" message={result.message} />;
  const rows = result.data;
  if (rows.length === 0) return null;
  const revenue = sumMoney(rows.map((r) => r.total_revenue));
  const units = rows.reduce((n, r) => n + r.units_sold, 0);
  const top = rows[0]!;
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Stat label="Vehicles sold" value={formatCount(units)} testId="stat-units" />
      <Stat label="Revenue" value={formatMoneyCompact(revenue)} hint={formatMoney(revenue)} testId="stat-total" />
      <Stat label="Top model" value={top.model_name} hint={`${formatPercent(share(top.total_revenue, revenue))} of revenue`} />
    </div>
  );
}

async function ModelChart({ scope }: { scope: PlantScope }) {
  const result = await loadRevenueByModel(scope);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  return (
    <Card title="Share of revenue" description="Each model's part of total sales revenue." testId="chart-card">
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <PlotlyChart
          label="Donut chart of revenue share by vehicle model"
          figure={{
            data: [
              {
                type: "pie",
                hole: 0.5,
                sort: false,
                labels: rows.map((r) => r.model_name),
                values: rows.map((r) => Number(r.total_revenue)),
                customdata: rows.map((r) => r.units_sold),
                marker: { colors: PALETTE },
                textinfo: "label+percent",
                hovertemplate: "%{label}<br>$%{value:,.2f}<br>%{customdata:,} units · %{percent}<extra></extra>",
              },
            ],
            layout: { showlegend: true, legend: { orientation: "h", y: -0.1 }, margin: { l: 16, r: 16, t: 16, b: 16 } },
          }}
        />
      )}
    </Card>
  );
}

async function ModelTable({ scope, canExport }: { scope: PlantScope; canExport: boolean }) {
  const result = await loadRevenueByModel(scope);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  const revenue = sumMoney(rows.map((r) => r.total_revenue));
  return (
    <Card title="Units and revenue by model" description="Highest revenue first." testId="table-card" actions={canExport && rows.length > 0 ? <CsvDownload kpi="revenue-by-model" /> : null}>
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <KpiTable
          kpi="revenue-by-model"
          caption="Units and revenue by model"
          columns={[
            { key: "model_name", label: "Model", kind: "text" },
            { key: "units_sold", label: "Units sold", kind: "count" },
            { key: "total_revenue", label: "Revenue", kind: "money" },
            { key: "share", label: "Share", kind: "percent" },
          ]}
          rows={rows.map((r) => ({ ...r, share: share(r.total_revenue, revenue) }))}
          total={{ units_sold: rows.reduce((n, r) => n + r.units_sold, 0), total_revenue: revenue, share: 1 }}
        />
      )}
    </Card>
  );
}
