import type { Metadata } from "next";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { Card, CsvDownload, EmptyState, PageHeader, SectionError, Stat } from "@/components/ui/card";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { can, type PlantScope } from "@/lib/access/policy";
import { requirePermission } from "@/lib/access/guard";
import { auditPageView } from "@/lib/audit/record";
import { PageFilterBar, UnappliedNote } from "@/components/filters/page-filters";
import { loadRevenueByModel } from "@/lib/data/dashboards";
import { type Filters, filtersKeyFor, hrefWithFilters } from "@/lib/filters";
import { SECTION_FILTERS } from "@/lib/filters/applies";
import { modelPath } from "@/lib/filters/drill";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";
import { share, sumMoney } from "@/lib/kpi/values";

export const metadata: Metadata = { title: "Revenue share by model" };

const PALETTE = ["#047857", "#0ea5e9", "#f59e0b", "#8b5cf6", "#ef4444", "#14b8a6", "#64748b", "#ec4899"];

const FIELDS = SECTION_FILTERS["revenue-by-model"];

export default async function ModelsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("models:view", "/models");
  await auditPageView(actor, "/models");
  const page = await readPageFilters(searchParams, "/models");
  const { scope } = actor;
  const { filters } = page;
  const key = filtersKeyFor(filters, FIELDS);
  return (
    <>
      <PageHeader title="Revenue share by model" description="Units sold and revenue per vehicle model, and each model's share of revenue. Open a model for its breakdown by trim, plant, region and month." />
      <PageFilterBar page={page} scope={scope} path="/models" />
      {page.ok ? (
        <div className="space-y-6">
          <UnappliedNote filters={filters} fields={FIELDS} />
          <Suspense key={`stats${key}`} fallback={<StatsSkeleton />}>
            <ModelStats scope={scope} filters={filters} />
          </Suspense>
          <div className="grid gap-6 xl:grid-cols-2">
            <Suspense key={`chart${key}`} fallback={<ChartSkeleton />}>
              <ModelChart scope={scope} filters={filters} />
            </Suspense>
            <Suspense key={`table${key}`} fallback={<TableSkeleton rows={5} />}>
              <ModelTable scope={scope} filters={filters} canExport={can(actor, "data:export")} />
            </Suspense>
          </div>
        </div>
      ) : null}
    </>
  );
}

type SectionProps = { scope: PlantScope; filters: Filters };

const NO_SALES = <EmptyState title="No sales for these filters">Model shares appear here for the sales that match the filters.</EmptyState>;

async function ModelStats({ scope, filters }: SectionProps) {
  const { formatMoneyCompact, formatMoney, formatCount, formatPercent } = await getFormat();
  const result = await loadRevenueByModel(scope, filters);
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

async function ModelChart({ scope, filters }: SectionProps) {
  const { chart, locale } = await getFormat();
  const result = await loadRevenueByModel(scope, filters);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  return (
    <Card title="Share of revenue" description="Each model's part of total sales revenue." testId="chart-card">
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <PlotlyChart
          locale={locale}
          label="Donut chart of revenue share by vehicle model"
          hrefs={rows.map((r) => hrefWithFilters(modelPath(r.model_name), filters))}
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
                hovertemplate: `%{label}<br>${chart.usd("%{value:,.2f}")}<br>%{customdata:,} units · %{percent}<extra></extra>`,
              },
            ],
            layout: { showlegend: true, legend: { orientation: "h", y: -0.1 }, margin: { l: 16, r: 16, t: 16, b: 16 } },
          }}
        />
      )}
    </Card>
  );
}

async function ModelTable({ scope, filters, canExport }: SectionProps & { canExport: boolean }) {
  const result = await loadRevenueByModel(scope, filters);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  const revenue = sumMoney(rows.map((r) => r.total_revenue));
  return (
    <Card title="Units and revenue by model" description="Highest revenue first." testId="table-card" actions={canExport && rows.length > 0 ? <CsvDownload kpi="revenue-by-model" filters={filters} /> : null}>
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
          rowLinks={rows.map((r) => hrefWithFilters(modelPath(r.model_name), filters))}
          total={{ units_sold: rows.reduce((n, r) => n + r.units_sold, 0), total_revenue: revenue, share: 1 }}
        />
      )}
    </Card>
  );
}
