import type { Metadata } from "next";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { channelMixFigure, fleetVsRetailFigure, modelShareFigure, newestMonthFirst } from "@/components/charts/role-figures";
import { Card, CsvDownload, EmptyState, PageHeader, SectionError } from "@/components/ui/card";
import { PageFilterBar } from "@/components/filters/page-filters";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { requirePermission } from "@/lib/access/guard";
import { can, type PlantScope } from "@/lib/access/policy";
import { auditPageView } from "@/lib/audit/record";
import { loadChannelMixByMonth, loadFleetVsRetail, loadModelShareByMonth } from "@/lib/data/role-kpis";
import type { Filters } from "@/lib/filters";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";
import { sumMoney } from "@/lib/kpi/values";

export const metadata: Metadata = { title: "Sales" };

type Section = { scope: PlantScope; filters: Filters; canExport: boolean };

export default async function SalesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("models:view", "/sales");
  await auditPageView(actor, "/sales");
  const page = await readPageFilters(searchParams, "/sales");
  return (
    <>
      <PageHeader title="Sales" description="How the model mix and the sales channels move month by month, and how fleet customers buy compared with retail." />
      <PageFilterBar page={page} scope={actor.scope} path="/sales" />
      {page.ok ? <SalesSections scope={actor.scope} filters={page.filters} canExport={can(actor, "data:export")} /> : null}
    </>
  );
}

function SalesSections(props: Section) {
  return (
    <div className="space-y-6">
      <Suspense fallback={<ChartSkeleton />}>
        <ModelShare {...props} />
      </Suspense>
      <Suspense fallback={<ChartSkeleton />}>
        <ChannelMix {...props} />
      </Suspense>
      <Suspense fallback={<TableSkeleton rows={2} />}>
        <FleetVsRetail {...props} />
      </Suspense>
    </div>
  );
}

const NO_SALES = <EmptyState title="No sales match">Nothing was sold within these filters.</EmptyState>;

async function ModelShare({ scope, filters, canExport }: Section) {
  const { chart, locale } = await getFormat();
  const result = await loadModelShareByMonth(scope, filters);
  if (!result.ok) return <SectionError title="Model share unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card
      title="Model share over time"
      description="Revenue per model and month of sale, stacked; switch to each model's share of the month's revenue. Shares are computed in the database, to 0.01%."
      testId="model-share"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="model-share-by-month" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <div className="grid gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <PlotlyChart locale={locale} label="Stacked area chart of monthly revenue per vehicle model" figure={modelShareFigure(rows, chart)} height={400} />
          <KpiTable
            kpi="model-share-by-month"
            caption="Revenue and share by model and month"
            columns={[
              { key: "month_year", label: "Month", kind: "month" },
              { key: "model_name", label: "Model", kind: "text" },
              { key: "units_sold", label: "Units", kind: "count" },
              { key: "total_revenue", label: "Revenue", kind: "money" },
              { key: "share_percent", label: "Share (%)", kind: "decimal" },
            ]}
            rows={newestMonthFirst(latestMonths(rows), (r) => r.model_name)}
            maxHeight="25rem"
          />
          <MonthsNote rows={rows} canExport={canExport} testId="model-share-more" />
        </div>
      )}
    </Card>
  );
}

async function ChannelMix({ scope, filters, canExport }: Section) {
  const { chart, locale } = await getFormat();
  const result = await loadChannelMixByMonth(scope, filters);
  if (!result.ok) return <SectionError title="Channel mix unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card
      title="Channel mix over time"
      description="Orders per sales channel and month of sale, stacked; hover for revenue and each channel's share of the month's orders."
      testId="channel-mix"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="channel-mix-by-month" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <div className="grid gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <PlotlyChart locale={locale} label="Stacked bar chart of orders per sales channel and month" figure={channelMixFigure(rows, chart)} height={400} />
          <KpiTable
            kpi="channel-mix-by-month"
            caption="Orders and revenue by channel and month"
            columns={[
              { key: "month_year", label: "Month", kind: "month" },
              { key: "channel", label: "Channel", kind: "text" },
              { key: "orders", label: "Orders", kind: "count" },
              { key: "total_revenue", label: "Revenue", kind: "money" },
              { key: "order_share_percent", label: "Share (%)", kind: "decimal" },
            ]}
            rows={newestMonthFirst(latestMonths(rows), (r) => r.channel)}
            maxHeight="25rem"
          />
          <MonthsNote rows={rows} canExport={canExport} testId="channel-mix-more" />
        </div>
      )}
    </Card>
  );
}

async function FleetVsRetail({ scope, filters, canExport }: Section) {
  const { chart, locale } = await getFormat();
  const result = await loadFleetVsRetail(scope, filters);
  if (!result.ok) return <SectionError title="Fleet vs retail unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card
      title="Fleet vs retail"
      description="By customer segment. Average selling price = Σ sale price / orders; discount = Σ (MSRP − sale price) / Σ MSRP; computed in the database."
      testId="fleet-vs-retail"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="fleet-vs-retail" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <div className="grid gap-6 xl:grid-cols-[1fr_2fr]">
          <PlotlyChart locale={locale} label="Bar chart of the average selling price per customer segment" figure={fleetVsRetailFigure(rows, chart)} height={300} />
          <KpiTable
            kpi="fleet-vs-retail"
            caption="Orders, revenue and prices by customer segment"
            columns={[
              { key: "segment", label: "Segment", kind: "text" },
              { key: "orders", label: "Orders", kind: "count" },
              { key: "total_revenue", label: "Revenue", kind: "money" },
              { key: "average_selling_price", label: "Avg. price", kind: "money" },
              { key: "discount_percent", label: "Discount (%)", kind: "decimal" },
              { key: "revenue_share_percent", label: "Share of revenue (%)", kind: "decimal" },
            ]}
            rows={rows}
            total={{ orders: rows.reduce((n, r) => n + r.orders, 0), total_revenue: sumMoney(rows.map((r) => r.total_revenue)) }}
          />
        </div>
      )}
    </Card>
  );
}

/**
 * Months listed in the month-by-month tables, newest first. The charts show
 * every month of the selection and the CSV downloads hold them all; a table of
 * every month × model (or channel) since the first sale would be hundreds of rows,
 * heavy to render and to send.
 */
const TABLE_MONTHS = 24;

function latestMonths<T extends { month_year: string }>(rows: readonly T[]): T[] {
  const months = [...new Set(rows.map((r) => r.month_year))].sort().slice(-TABLE_MONTHS);
  const keep = new Set(months);
  return rows.filter((r) => keep.has(r.month_year));
}

function MonthsNote({ rows, canExport, testId }: { rows: ReadonlyArray<{ month_year: string }>; canExport: boolean; testId: string }) {
  const months = new Set(rows.map((r) => r.month_year)).size;
  if (months <= TABLE_MONTHS) return null;
  return (
    <p className="text-xs text-slate-500 2xl:col-span-2" data-testid={testId}>
      The table lists the latest {TABLE_MONTHS} of {months} months; the chart shows them all{canExport ? ", and the CSV download holds every row" : ""}.
    </p>
  );
}
