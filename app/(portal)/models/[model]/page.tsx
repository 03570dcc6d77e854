import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { PageFilterBar, UnappliedNote } from "@/components/filters/page-filters";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CsvLink, EmptyState, SectionError, Stat } from "@/components/ui/card";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import { requirePermission } from "@/lib/access/guard";
import { can, type PlantScope } from "@/lib/access/policy";
import { auditPageView } from "@/lib/audit/record";
import { loadModelBreakdown, modelIsKnown } from "@/lib/data/drill";
import { modelBreakdownExportHref } from "@/lib/export/links";
import { type Filters, filtersKeyFor, hrefWithFilters } from "@/lib/filters";
import { SECTION_FILTERS } from "@/lib/filters/applies";
import { modelPath, parseModelSegment } from "@/lib/filters/drill";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";
import type { BreakdownRow } from "@/lib/kpi/model-breakdown";
import { share } from "@/lib/kpi/values";

export const metadata: Metadata = { title: "Model breakdown" };

const FIELDS = SECTION_FILTERS["model-breakdown"];

type Dimension = "trim" | "plant" | "region" | "month";

export default async function ModelPage({ params, searchParams }: { params: Promise<{ model: string }>; searchParams: Promise<SearchParams> }) {
  const { model: raw } = await params;
  const actor = await requirePermission("models:view", `/models/${raw}`);
  const model = parseModelSegment(raw);
  if (model === null || !(await modelIsKnown(model))) notFound();
  const path = modelPath(model);
  await auditPageView(actor, path);
  const page = await readPageFilters(searchParams, path);
  const { scope } = actor;
  const { filters } = page;
  const key = filtersKeyFor(filters, FIELDS);
  const drill = { model, filters, orders: can(actor, "orders:view"), canExport: can(actor, "data:export") };
  return (
    <>
      <Breadcrumbs items={[{ href: hrefWithFilters("/models", filters), label: "Models" }, { label: model }]} />
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{model}</h1>
        <p className="mt-1 text-sm text-slate-500">
          Sales of the {model} by trim, plant, customer region and month.{" "}
          {drill.orders ? "Click a bar or a row for its orders." : "Click a plant, region or month to narrow the page to it."}
        </p>
      </div>
      <PageFilterBar page={page} scope={scope} path={path} />
      {page.ok ? (
        <div className="space-y-6">
          <UnappliedNote filters={filters} fields={FIELDS} />
          <Suspense key={`stats${key}`} fallback={<StatsSkeleton />}>
            <BreakdownStats scope={scope} drill={drill} />
          </Suspense>
          <div className="grid gap-6 xl:grid-cols-2">
            {(["trim", "plant", "region"] as const).map((dimension) => (
              <Suspense key={`${dimension}${key}`} fallback={<ChartSkeleton />}>
                <BreakdownCard scope={scope} drill={drill} dimension={dimension} />
              </Suspense>
            ))}
            <Suspense key={`month${key}`} fallback={<ChartSkeleton />}>
              <BreakdownCard scope={scope} drill={drill} dimension="month" />
            </Suspense>
          </div>
        </div>
      ) : null}
    </>
  );
}

type Drill = { model: string; filters: Filters; orders: boolean; canExport: boolean };

/** Where a breakdown row leads: its orders (with orders:view), else this page narrowed to it where a filter can. */
function drillHref(drill: Drill, dimension: Dimension, key: string): string | null {
  const { model, filters } = drill;
  const ordersPath = `${modelPath(model)}/orders`;
  const path = drill.orders ? ordersPath : modelPath(model);
  switch (dimension) {
    case "trim":
      return drill.orders ? hrefWithFilters(ordersPath, filters, { trim: key }) : null;
    case "plant":
      return hrefWithFilters(path, { ...filters, plantIds: [Number(key)] });
    case "region":
      return hrefWithFilters(path, { ...filters, regions: [key] });
    case "month": {
      if (drill.orders) return hrefWithFilters(ordersPath, filters, { month: key });
      const [y, m] = key.split("-").map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      return hrefWithFilters(path, { ...filters, range: "custom", from: `${key}-01`, to: last });
    }
  }
}

async function BreakdownStats({ scope, drill }: { scope: PlantScope; drill: Drill }) {
  const { formatMoneyCompact, formatMoney, formatCount, formatPercent } = await getFormat();
  const result = await loadModelBreakdown(scope, drill.model, drill.filters);
  if (!result.ok) return <SectionError title="Model figures unavailable" message={result.message} />;
  const { total } = result.data;
  if (total.units_sold === 0) {
    return <EmptyState title="No sales for these filters">The {drill.model}&apos;s figures appear here for the sales that match the filters.</EmptyState>;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Stat label="Vehicles sold" value={formatCount(total.units_sold)} testId="stat-units" />
      <Stat label="Revenue" value={formatMoneyCompact(total.total_revenue)} hint={formatMoney(total.total_revenue)} testId="stat-total" />
      <Stat
        label="Price vs MSRP"
        value={formatMoney(total.vs_msrp)}
        hint={`${formatPercent(share(total.vs_msrp, total.total_msrp))} of list price`}
        testId="stat-vs-msrp"
      />
      {drill.orders ? (
        <div className="sm:col-span-3">
          <Link
            href={hrefWithFilters(`${modelPath(drill.model)}/orders`, drill.filters)}
            className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            All {formatCount(total.units_sold)} orders of the {drill.model} →
          </Link>
        </div>
      ) : null}
    </div>
  );
}

const TITLES: Record<Dimension, { title: string; description: string; column: string }> = {
  trim: { title: "By trim", description: "Revenue per trim, highest first.", column: "Trim" },
  plant: { title: "By plant", description: "Where the vehicles sold were built.", column: "Plant" },
  region: { title: "By customer region", description: "Where the buyers are.", column: "Region" },
  month: { title: "By month of sale", description: "Revenue per calendar month of the sale date.", column: "Month" },
};

async function BreakdownCard({ scope, drill, dimension }: { scope: PlantScope; drill: Drill; dimension: Dimension }) {
  const { chart, locale } = await getFormat();
  const result = await loadModelBreakdown(scope, drill.model, drill.filters);
  if (!result.ok) return null; // the figures section above reports the failure
  const rows: BreakdownRow[] =
    dimension === "trim" ? result.data.byTrim : dimension === "plant" ? result.data.byPlant : dimension === "region" ? result.data.byRegion : [...result.data.byMonth].reverse();
  const { title, description, column } = TITLES[dimension];
  const links = rows.map((r) => drillHref(drill, dimension, r.key));
  const month = dimension === "month";
  const chartRows = month ? [...rows].reverse() : rows; // the chart runs oldest → newest
  return (
    <Card
      title={title}
      description={month ? `${description} Newest first in the table.` : description}
      testId={`breakdown-${dimension}`}
      actions={drill.canExport && rows.length > 0 ? <CsvLink href={modelBreakdownExportHref(drill.model, dimension, drill.filters)} /> : null}
    >
      {rows.length === 0 ? (
        <EmptyState title="No sales for these filters" />
      ) : (
        <div className="space-y-4">
          <PlotlyChart
            locale={locale}
            label={`Bar chart of ${drill.model} revenue ${title.toLowerCase()}`}
            height={month ? 260 : Math.max(160, 48 + rows.length * 36)}
            hrefs={month ? [...links].reverse() : links}
            figure={{
              data: [
                month
                  ? {
                      type: "bar",
                      x: chartRows.map((r) => `${r.key}-01`),
                      y: chartRows.map((r) => Number(r.total_revenue)),
                      marker: { color: "#059669" },
                      hovertemplate: `%{x|%b %Y}<br>${chart.usd("%{y:,.2f}")}<extra></extra>`,
                    }
                  : {
                      type: "bar",
                      orientation: "h",
                      y: chartRows.map((r) => r.label),
                      x: chartRows.map((r) => Number(r.total_revenue)),
                      customdata: chartRows.map((r) => r.units_sold),
                      marker: { color: "#059669" },
                      hovertemplate: `%{y}<br>${chart.usd("%{x:,.2f}")}<br>%{customdata:,} units<extra></extra>`,
                    },
              ],
              layout: month
                ? {
                    xaxis: { type: "date", tickformat: "%b %Y" },
                    yaxis: { ...chart.usdAxis, separatethousands: true, rangemode: "tozero" },
                    margin: { l: 72, r: 16, t: 8, b: 40 },
                  }
                : {
                    xaxis: { ...chart.usdAxis, separatethousands: true, rangemode: "tozero" },
                    yaxis: { autorange: "reversed", automargin: true },
                    margin: { l: 16, r: 16, t: 8, b: 32 },
                  },
            }}
          />
          <KpiTable
            kpi={`model-by-${dimension}`}
            caption={`${drill.model} ${title.toLowerCase()}`}
            columns={[
              { key: month ? "key" : "label", label: column, kind: month ? "month" : "text" },
              { key: "units_sold", label: "Units", kind: "count" },
              { key: "total_revenue", label: "Revenue", kind: "money" },
              { key: "vs_msrp", label: "vs MSRP", kind: "money" },
            ]}
            rows={rows}
            rowLinks={links.map((l) => l ?? undefined)}
            maxHeight={month ? "20rem" : undefined}
          />
        </div>
      )}
    </Card>
  );
}
