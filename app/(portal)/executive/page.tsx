import type { Metadata } from "next";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { revenueByChannelFigure, revenueByRegionFigure, sellingPriceFigure, unitsBuiltVsSoldFigure } from "@/components/charts/role-figures";
import { Card, CsvDownload, EmptyState, PageHeader, SectionError, Stat } from "@/components/ui/card";
import { ChangeStat } from "@/components/ui/change-stat";
import { PageFilterBar } from "@/components/filters/page-filters";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { requirePermission } from "@/lib/access/guard";
import { can, type PlantScope } from "@/lib/access/policy";
import { auditPageView } from "@/lib/audit/record";
import { loadRevenueByChannel, loadRevenueByRegion, loadRevenueToDate, loadSellingPrice, loadUnitsBuiltVsSold } from "@/lib/data/role-kpis";
import type { Filters } from "@/lib/filters";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";
import { unappliedFilters } from "@/lib/filters/sql";
import { asOfDay } from "@/lib/kpi/periods";
import { BUILT_COLUMNS } from "@/lib/kpi/units-built-vs-sold";
import { sumMoney } from "@/lib/kpi/values";

export const metadata: Metadata = { title: "Executive overview" };

type Section = { scope: PlantScope; filters: Filters };

export default async function ExecutivePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { formatDay } = await getFormat();
  const actor = await requirePermission("revenue:view", "/executive");
  await auditPageView(actor, "/executive");
  const page = await readPageFilters(searchParams, "/executive");
  const { today } = page;
  const asOf = page.ok ? asOfDay(page.filters, today) : today;
  return (
    <>
      <PageHeader
        title="Executive overview"
        description={`Revenue to date against last year, production against sales, prices against MSRP, and where revenue comes from. To-date figures as of ${formatDay(asOf)}.`}
      />
      <PageFilterBar page={page} scope={actor.scope} path="/executive" />
      {page.ok ? <ExecutiveSections scope={actor.scope} filters={page.filters} today={today} canExport={can(actor, "data:export")} /> : null}
    </>
  );
}

function ExecutiveSections({ scope, filters, today, canExport }: Section & { today: string; canExport: boolean }) {
  return (
    <div className="space-y-6">
      <div className="grid gap-4 xl:grid-cols-2">
        <Suspense fallback={<StatsSkeleton count={2} />}>
          <ToDateStats scope={scope} filters={filters} today={today} canExport={canExport} />
        </Suspense>
        <Suspense fallback={<StatsSkeleton count={2} />}>
          <PriceStats scope={scope} filters={filters} />
        </Suspense>
      </div>
      <Suspense fallback={<ChartSkeleton />}>
        <BuiltVsSold scope={scope} filters={filters} canExport={canExport} />
      </Suspense>
      <div className="grid gap-6 xl:grid-cols-2">
        <Suspense fallback={<ChartSkeleton />}>
          <Regions scope={scope} filters={filters} canExport={canExport} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton />}>
          <Channels scope={scope} filters={filters} canExport={canExport} />
        </Suspense>
      </div>
      <Suspense fallback={<ChartSkeleton />}>
        <PriceTrend scope={scope} filters={filters} canExport={canExport} />
      </Suspense>
    </div>
  );
}

const NO_SALES = <EmptyState title="No sales match">Nothing was sold within these filters and your plants.</EmptyState>;

async function ToDateStats({ scope, filters, today, canExport }: Section & { today: string; canExport: boolean }) {
  const { formatCount, formatDayRange } = await getFormat();
  const result = await loadRevenueToDate(scope, filters, today);
  if (!result.ok) return <SectionError title="Revenue to date unavailable" message={result.message} />;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {result.data.map((r) => (
        <ChangeStat
          key={r.period}
          testId={`stat-${r.period}`}
          label={r.period === "month-to-date" ? "Revenue month to date" : "Revenue year to date"}
          value={r.revenue}
          previous={r.last_year_revenue}
          change={r.change}
          changePercent={r.change_percent}
          period={`${formatDayRange(r.start_date, r.end_date)} · ${formatCount(r.orders)} orders`}
          previousPeriod={formatDayRange(r.last_year_start, r.last_year_end)}
        />
      ))}
      {canExport && result.data.length > 0 ? (
        <div className="flex justify-end sm:col-span-2" data-testid="revenue-to-date-export">
          <CsvDownload kpi="revenue-to-date" filters={filters} />
        </div>
      ) : null}
    </div>
  );
}

async function PriceStats({ scope, filters }: Section) {
  const { formatMoney, formatCount, formatPercentNumber } = await getFormat();
  const result = await loadSellingPrice(scope, filters);
  if (!result.ok) return <SectionError title="Prices unavailable" message={result.message} />;
  const total = result.data.total;
  if (!total) return <div className="grid gap-4 sm:grid-cols-2">{NO_SALES}</div>;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Stat label="Average selling price" value={formatMoney(total.average_selling_price)} hint={`${formatCount(total.orders)} orders in the selection`} testId="stat-asp" />
      <Stat
        label="Discount vs MSRP"
        value={formatPercentNumber(total.discount_percent)}
        hint={`Σ(MSRP − price) / Σ MSRP: ${formatMoney(sumMoney([total.total_msrp, `-${total.total_revenue}`]))} below list`}
        testId="stat-discount"
      />
    </div>
  );
}

async function BuiltVsSold({ scope, filters, canExport }: Section & { canExport: boolean }) {
  const { chart, locale } = await getFormat();
  const result = await loadUnitsBuiltVsSold(scope, filters);
  if (!result.ok) return <SectionError title="Units built and sold unavailable" message={result.message} />;
  const rows = result.data;
  const notOnBuilt = unappliedFilters(filters, BUILT_COLUMNS);
  return (
    <Card
      title="Units built vs units sold"
      description={`Vehicles built (by month of manufacture) and sold (by month of sale).${notOnBuilt.length > 0 ? ` The ${notOnBuilt.join(" and ")} filter applies to units sold only: a vehicle has no customer before it is sold.` : ""}`}
      testId="built-vs-sold"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="units-built-vs-sold" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        <EmptyState title="No vehicles built or sold match">Try a wider date range or fewer filters.</EmptyState>
      ) : (
        <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <PlotlyChart locale={locale} label={`Line chart of vehicles built and sold per month, ${rows[0]!.month_year} to ${rows[rows.length - 1]!.month_year}`} figure={unitsBuiltVsSoldFigure(rows, chart)} />
          <KpiTable
            kpi="units-built-vs-sold"
            caption="Units built and sold by month"
            columns={[
              { key: "month_year", label: "Month", kind: "month" },
              { key: "units_built", label: "Built", kind: "count" },
              { key: "units_sold", label: "Sold", kind: "count" },
            ]}
            rows={[...rows].reverse()}
            maxHeight="22rem"
            total={{ units_built: rows.reduce((n, r) => n + r.units_built, 0), units_sold: rows.reduce((n, r) => n + r.units_sold, 0) }}
          />
        </div>
      )}
    </Card>
  );
}

async function Regions({ scope, filters, canExport }: Section & { canExport: boolean }) {
  const { chart, locale } = await getFormat();
  const result = await loadRevenueByRegion(scope, filters);
  if (!result.ok) return <SectionError title="Revenue by region unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card title="Revenue by region" description="Customer region, highest revenue first, in US dollars." testId="by-region" actions={canExport && rows.length > 0 ? <CsvDownload kpi="revenue-by-region" filters={filters} /> : null}>
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <>
          <PlotlyChart locale={locale} label="Horizontal bar chart of revenue by customer region" figure={revenueByRegionFigure(rows, chart)} height={300} />
          <ShareTable kpi="revenue-by-region" caption="Revenue by region" keyColumn={{ key: "region", label: "Region" }} rows={rows} />
        </>
      )}
    </Card>
  );
}

async function Channels({ scope, filters, canExport }: Section & { canExport: boolean }) {
  const { chart, locale } = await getFormat();
  const result = await loadRevenueByChannel(scope, filters);
  if (!result.ok) return <SectionError title="Revenue by channel unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card title="Revenue by channel" description="Online, dealer and fleet sales, in US dollars." testId="by-channel" actions={canExport && rows.length > 0 ? <CsvDownload kpi="revenue-by-channel" filters={filters} /> : null}>
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <>
          <PlotlyChart locale={locale} label="Donut chart of revenue by sales channel" figure={revenueByChannelFigure(rows, chart)} height={300} />
          <ShareTable kpi="revenue-by-channel" caption="Revenue by channel" keyColumn={{ key: "channel", label: "Channel" }} rows={rows} />
        </>
      )}
    </Card>
  );
}

function ShareTable<R extends { orders: number; total_revenue: string; revenue_share_percent: string }>({
  kpi,
  caption,
  keyColumn,
  rows,
}: {
  kpi: string;
  caption: string;
  keyColumn: { key: string; label: string };
  rows: readonly R[];
}) {
  return (
    <KpiTable
      kpi={kpi}
      caption={caption}
      columns={[
        { ...keyColumn, kind: "text" },
        { key: "orders", label: "Orders", kind: "count" },
        { key: "total_revenue", label: "Revenue", kind: "money" },
        { key: "revenue_share_percent", label: "Share (%)", kind: "decimal" },
      ]}
      rows={rows as unknown as ReadonlyArray<Record<string, string | number>>}
      total={{ orders: rows.reduce((n, r) => n + r.orders, 0), total_revenue: sumMoney(rows.map((r) => r.total_revenue)) }}
    />
  );
}

async function PriceTrend({ scope, filters, canExport }: Section & { canExport: boolean }) {
  const { chart, locale } = await getFormat();
  const result = await loadSellingPrice(scope, filters);
  if (!result.ok) return null; // the price figures above report the failure
  const rows = result.data.months;
  return (
    <Card
      title="Average selling price and discount vs MSRP"
      description="Per month of sale. Average selling price = Σ sale price / orders; discount = Σ (MSRP − sale price) / Σ MSRP, both computed exactly in the database and rounded to the cent and to 0.01%."
      testId="price-trend"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="selling-price-and-discount" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        NO_SALES
      ) : (
        <div className="grid gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <PlotlyChart locale={locale} label="Line chart of average selling price and discount against MSRP per month" figure={sellingPriceFigure(rows, chart)} />
          <KpiTable
            kpi="selling-price-and-discount"
            caption="Average selling price and discount by month"
            columns={[
              { key: "month_year", label: "Month", kind: "month" },
              { key: "orders", label: "Orders", kind: "count" },
              { key: "average_selling_price", label: "Avg. price", kind: "money" },
              { key: "discount_percent", label: "Discount (%)", kind: "decimal" },
            ]}
            rows={[...rows].reverse()}
            maxHeight="22rem"
          />
        </div>
      )}
    </Card>
  );
}
