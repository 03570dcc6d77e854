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
import { loadMonthlyRevenue } from "@/lib/data/dashboards";
import { type Filters, filtersKeyFor } from "@/lib/filters";
import { SECTION_FILTERS } from "@/lib/filters/applies";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";
import { sumMoney } from "@/lib/kpi/values";

export const metadata: Metadata = { title: "Monthly revenue" };

const FIELDS = SECTION_FILTERS["monthly-revenue"];

export default async function RevenuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("revenue:view", "/revenue");
  await auditPageView(actor, "/revenue");
  const page = await readPageFilters(searchParams, "/revenue");
  const { scope } = actor;
  const { filters } = page;
  // Keyed by the filters they apply: a change of another filter keeps them as they are.
  const key = filtersKeyFor(filters, FIELDS);
  return (
    <>
      <PageHeader title="Monthly revenue" description="Revenue from vehicle sales per calendar month of the sale date." />
      <PageFilterBar page={page} scope={scope} path="/revenue" />
      {page.ok ? (
        <div className="space-y-6">
          <UnappliedNote filters={filters} fields={FIELDS} />
          <Suspense key={`stats${key}`} fallback={<StatsSkeleton />}>
            <RevenueStats scope={scope} filters={filters} />
          </Suspense>
          <Suspense key={`chart${key}`} fallback={<ChartSkeleton />}>
            <RevenueChart scope={scope} filters={filters} />
          </Suspense>
          <Suspense key={`table${key}`} fallback={<TableSkeleton rows={12} />}>
            <RevenueTable scope={scope} filters={filters} canExport={can(actor, "data:export")} />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}

type SectionProps = { scope: PlantScope; filters: Filters };

const NO_SALES = (
  <EmptyState title="No sales for these filters">Revenue appears here for the months with sales that match the filters.</EmptyState>
);

async function RevenueStats({ scope, filters }: SectionProps) {
  const { formatMoneyCompact, formatMoney, formatMonth } = await getFormat();
  const result = await loadMonthlyRevenue(scope, filters);
  if (!result.ok) return <SectionError title="Revenue figures unavailable" message={result.message} />;
  const rows = result.data;
  if (rows.length === 0) return null;
  const last = rows[rows.length - 1]!;
  const lastYear = rows.slice(-12);
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Stat label="Total revenue" value={formatMoneyCompact(sumMoney(rows.map((r) => r.total_revenue)))} hint={`${formatMonth(rows[0]!.month_year)} – ${formatMonth(last.month_year)}`} testId="stat-total" />
      <Stat label={`Latest month · ${formatMonth(last.month_year)}`} value={formatMoney(last.total_revenue)} />
      <Stat
        label="Last 12 months"
        value={formatMoneyCompact(sumMoney(lastYear.map((r) => r.total_revenue)))}
        hint={`${formatMonth(lastYear[0]!.month_year)} – ${formatMonth(last.month_year)}`}
      />
    </div>
  );
}

async function RevenueChart({ scope, filters }: SectionProps) {
  const { chart, locale } = await getFormat();
  const result = await loadMonthlyRevenue(scope, filters);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  return (
    <Card title="Revenue trend" description="Sum of sale prices per month, in US dollars." testId="chart-card">
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <PlotlyChart
          locale={locale}
          name="Monthly revenue"
          label={`Line chart of monthly revenue from ${rows[0]!.month_year} to ${rows[rows.length - 1]!.month_year}`}
          figure={{
            data: [
              {
                type: "scatter",
                mode: "lines+markers",
                name: "Revenue",
                x: rows.map((r) => `${r.month_year}-01`),
                y: rows.map((r) => Number(r.total_revenue)),
                line: { color: "#047857", width: 2 },
                marker: { size: 4 },
                fill: "tozeroy",
                fillcolor: "rgba(16,185,129,0.08)",
                hovertemplate: `%{x|%b %Y}<br>${chart.usd("%{y:,.2f}")}<extra></extra>`,
              },
            ],
            layout: {
              xaxis: { title: { text: "Month of sale" }, type: "date", tickformat: "%b %Y" },
              yaxis: { title: { text: "Revenue (USD)" }, ...chart.usdAxis, separatethousands: true, rangemode: "tozero" },
            },
          }}
        />
      )}
    </Card>
  );
}

async function RevenueTable({ scope, filters, canExport }: SectionProps & { canExport: boolean }) {
  const result = await loadMonthlyRevenue(scope, filters);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows = result.data;
  return (
    <Card title="Revenue by month" description="Newest month first." testId="table-card" actions={canExport && rows.length > 0 ? <CsvDownload kpi="monthly-revenue" filters={filters} /> : null}>
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <KpiTable
          kpi="monthly-revenue"
          caption="Revenue by month"
          columns={[
            { key: "month_year", label: "Month", kind: "month" },
            { key: "total_revenue", label: "Revenue", kind: "money" },
          ]}
          rows={[...rows].reverse()}
          maxHeight="28rem"
          total={{ total_revenue: sumMoney(rows.map((r) => r.total_revenue)) }}
        />
      )}
    </Card>
  );
}
