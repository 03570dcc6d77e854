import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { Card, CsvDownload, EmptyState, SectionError } from "@/components/ui/card";
import { UnappliedNote } from "@/components/filters/page-filters";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import type { PlantScope } from "@/lib/access/policy";
import {
  loadInventoryByCategory,
  loadInventoryValueTrend,
  loadPartsBelowReorder,
  loadPlantUtilisation,
  loadPlantUtilisationSummary,
  loadSupplierQualitySpend,
} from "@/lib/data/plant-kpis";
import type { FilterField, Filters } from "@/lib/filters";
import { sumMoney } from "@/lib/kpi/values";

type Props = { scope: PlantScope; filters: Filters; canExport: boolean };

// Which filters each section's query applies (for the "not applicable" note).
const STOCK: readonly FilterField[] = ["plant"];
const DATED: readonly FilterField[] = ["plant", "date"];

/**
 * The plant manager's working sections of the inventory area, each streamed on
 * its own: value trend, value by category, parts to reorder with their
 * suppliers, plant utilisation, supplier quality-weighted spend.
 */
export function PlantKpiSections(props: Props) {
  return (
    <>
      <Suspense fallback={<ChartSkeleton />}>
        <TrendSection {...props} />
      </Suspense>
      <div className="grid gap-6 xl:grid-cols-2">
        <Suspense fallback={<ChartSkeleton />}>
          <CategorySection {...props} />
        </Suspense>
        <Suspense fallback={<ChartSkeleton />}>
          <UtilisationChart {...props} />
        </Suspense>
      </div>
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <UtilisationTable {...props} />
      </Suspense>
      <Suspense fallback={<TableSkeleton rows={8} />}>
        <ReorderSection {...props} />
      </Suspense>
      <Suspense fallback={<TableSkeleton rows={8} />}>
        <SupplierSection {...props} />
      </Suspense>
    </>
  );
}

async function TrendSection({ scope, filters, canExport }: Props) {
  const { formatMoney, chart, locale } = await getFormat();
  const result = await loadInventoryValueTrend(scope, filters);
  if (!result.ok) return <SectionError title="Inventory value trend unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card
      title="Inventory value trend"
      description="Stock value at the end of each month, rebuilt from today's stock and the stock ledger, at today's part costs (no cost history is kept)."
      testId="trend-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="inventory-value-trend" filters={filters} /> : null}
    >
      <UnappliedNote filters={filters} fields={DATED} />
      {rows.length === 0 ? (
        <EmptyState title="No stock in view">Nothing is stocked at the plants in view, and the ledger has no movements there.</EmptyState>
      ) : (
        <>
          <PlotlyChart
            locale={locale}
            label="Line chart of inventory value at the end of each month"
            height={320}
            figure={{
              data: [
                {
                  type: "scatter",
                  mode: "lines+markers",
                  x: rows.map((r) => `${r.month_year}-01`),
                  y: rows.map((r) => Number(r.inventory_value)),
                  customdata: rows.map((r) => [formatMoney(r.value_change), r.movements]),
                  line: { color: "#059669", width: 2 },
                  hovertemplate: `End of %{x|%b %Y}<br>Value ${chart.usd("%{y:,.2f}")}<br>Change in the month %{customdata[0]}<br>%{customdata[1]} ledger movements<extra></extra>`,
                },
              ],
              layout: {
                xaxis: { title: { text: "Month (end of)" }, type: "date", tickformat: "%b %Y" },
                yaxis: { title: { text: "Inventory value (USD)" }, ...chart.usdAxis, separatethousands: true },
              },
            }}
          />
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-600">Month by month</summary>
            <div className="mt-2">
              <KpiTable
                kpi="inventory-value-trend"
                caption="Inventory value at the end of each month"
                columns={[
                  { key: "month_year", label: "Month", kind: "month" },
                  { key: "inventory_value", label: "Value (end of month)", kind: "money" },
                  { key: "value_change", label: "Change in the month", kind: "money" },
                  { key: "movements", label: "Ledger movements", kind: "count" },
                ]}
                rows={[...rows].reverse()}
                maxHeight="20rem"
              />
            </div>
          </details>
        </>
      )}
    </Card>
  );
}

async function CategorySection({ scope, filters, canExport }: Props) {
  const { chart, locale } = await getFormat();
  const result = await loadInventoryByCategory(scope, filters);
  if (!result.ok) return <SectionError title="Inventory by category unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card
      title="Inventory value by part category"
      description="Stock on hand now: quantity × unit cost, in US dollars."
      testId="category-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="inventory-by-category" filters={filters} /> : null}
    >
      <UnappliedNote filters={filters} fields={STOCK} />
      {rows.length === 0 ? (
        <EmptyState title="No stock in view" />
      ) : (
        <>
          <PlotlyChart
            locale={locale}
            label="Bar chart of inventory value by part category"
            height={280}
            figure={{
              data: [
                {
                  type: "bar",
                  orientation: "h",
                  y: rows.map((r) => r.category),
                  x: rows.map((r) => Number(r.inventory_value)),
                  customdata: rows.map((r) => [r.parts, r.units]),
                  marker: { color: "#059669" },
                  hovertemplate: `%{y}<br>${chart.usd("%{x:,.2f}")}<br>%{customdata[0]:,} parts, %{customdata[1]:,} units<extra></extra>`,
                },
              ],
              layout: {
                xaxis: { title: { text: "Inventory value (USD)" }, ...chart.usdAxis, separatethousands: true },
                yaxis: { title: { text: "Part category" }, autorange: "reversed", automargin: true },
                margin: { l: 120, r: 24, t: 8, b: 48 },
              },
            }}
          />
          <KpiTable
            kpi="inventory-by-category"
            caption="Inventory by part category"
            columns={[
              { key: "category", label: "Category", kind: "text" },
              { key: "parts", label: "Parts", kind: "count" },
              { key: "units", label: "Units", kind: "count" },
              { key: "inventory_value", label: "Value", kind: "money" },
            ]}
            rows={rows}
            total={{ inventory_value: sumMoney(rows.map((r) => r.inventory_value)) }}
          />
        </>
      )}
    </Card>
  );
}

async function UtilisationChart({ scope, filters, canExport }: Props) {
  const { locale } = await getFormat();
  const result = await loadPlantUtilisation(scope, filters);
  if (!result.ok) return <SectionError title="Plant utilisation unavailable" message={result.message} />;
  const rows = result.data;
  const plants = [...new Set(rows.map((r) => r.plant_name))];
  const colors = ["#059669", "#2563eb", "#d97706", "#7c3aed", "#db2777", "#0891b2"];
  return (
    <Card
      title="Plant utilisation by month"
      description="Vehicles built ÷ annual capacity pro rata (capacity × days in the period that month ÷ days in the year)."
      testId="utilisation-chart-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="plant-utilisation" filters={filters} /> : null}
    >
      <UnappliedNote filters={filters} fields={DATED} />
      {rows.length === 0 ? (
        <EmptyState title="No builds in view">No plant in view built vehicles in this period.</EmptyState>
      ) : (
        <PlotlyChart
          locale={locale}
          label="Line chart of plant utilisation by month"
          height={280}
          figure={{
            data: plants.map((name, i) => {
              const series = rows.filter((r) => r.plant_name === name);
              return {
                type: "scatter" as const,
                mode: "lines" as const,
                name,
                x: series.map((r) => `${r.month_year}-01`),
                y: series.map((r) => Number(r.utilisation)),
                customdata: series.map((r) => [r.units_built, r.capacity, r.days]),
                line: { color: colors[i % colors.length], width: 2 },
                hovertemplate: `${name}<br>%{x|%b %Y}: %{y:.1%}<br>%{customdata[0]:,} built / %{customdata[1]:,.2f} capacity (%{customdata[2]} days)<extra></extra>`,
              };
            }),
            layout: {
              xaxis: { title: { text: "Month of manufacture" }, type: "date", tickformat: "%b %Y" },
              yaxis: { title: { text: "Utilisation (% of pro-rata capacity)" }, tickformat: ".0%", rangemode: "tozero" },
              showlegend: plants.length > 1,
              legend: { orientation: "h", y: -0.3 },
            },
          }}
        />
      )}
    </Card>
  );
}

async function UtilisationTable({ scope, filters, canExport }: Props) {
  const result = await loadPlantUtilisationSummary(scope, filters);
  if (!result.ok) return null; // the chart above reports the failure
  const rows = result.data;
  if (rows.length === 0) return null;
  return (
    <Card
      title="Plant utilisation for the period"
      description={`${rows[0]!.first_day} to ${rows[0]!.last_day}: units built against the annual capacity pro rata for those days.`}
      testId="utilisation-card"
      actions={canExport ? <CsvDownload kpi="plant-utilisation-summary" filters={filters} /> : null}
    >
      <KpiTable
        kpi="plant-utilisation-summary"
        caption="Plant utilisation for the period"
        columns={[
          { key: "plant_name", label: "Plant", kind: "text" },
          { key: "days", label: "Days", kind: "count" },
          { key: "units_built", label: "Units built", kind: "count" },
          { key: "capacity", label: "Capacity (pro rata)", kind: "decimal" },
          { key: "utilisation", label: "Utilisation", kind: "ratio" },
        ]}
        rows={rows}
      />
    </Card>
  );
}

/**
 * Rows of the reorder list rendered in the page (largest shortfall value first):
 * every plant together can list hundreds of parts, which would make the page
 * heavy to render and send; the CSV holds them all.
 */
const REORDER_ROWS_SHOWN = 100;

async function ReorderSection({ scope, filters, canExport }: Props) {
  const { formatMoney, formatCount } = await getFormat();
  const result = await loadPartsBelowReorder(scope, filters);
  if (!result.ok) return <SectionError title="Parts to reorder unavailable" message={result.message} />;
  const rows = result.data;
  const multiPlant = new Set(rows.map((r) => r.plant_id)).size > 1 || scope.kind === "all";
  return (
    <Card
      title="Parts at or below reorder point"
      description={`Largest shortfall value first (shortfall = reorder point − on hand, valued at unit cost), with the supplier and its quality rating (0–5).${rows.length > 0 ? ` Shortfall value in total: ${formatMoney(sumMoney(rows.map((r) => r.shortfall_value)))}.` : ""}`}
      testId="below-reorder-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="parts-below-reorder" filters={filters} /> : null}
    >
      <UnappliedNote filters={filters} fields={STOCK} />
      {rows.length === 0 ? (
        <EmptyState title="Nothing to reorder">Every part in view is above its reorder point.</EmptyState>
      ) : (
        <KpiTable
          kpi="parts-below-reorder"
          caption="Parts at or below their reorder point, with supplier"
          columns={[
            { key: "part_number", label: "Part", kind: "text" },
            { key: "part_name", label: "Name", kind: "text" },
            { key: "category", label: "Category", kind: "text" },
            ...(multiPlant ? [{ key: "plant_name", label: "Plant", kind: "text" as const }] : []),
            { key: "quantity", label: "On hand", kind: "count" },
            { key: "reorder_point", label: "Reorder point", kind: "count" },
            { key: "shortfall", label: "Shortfall", kind: "count" },
            { key: "shortfall_value", label: "Shortfall value", kind: "money" },
            { key: "supplier_name", label: "Supplier", kind: "text" },
            { key: "supplier_rating", label: "Rating", kind: "decimal" },
          ]}
          rows={rows.slice(0, REORDER_ROWS_SHOWN)}
          maxHeight="28rem"
        />
      )}
      {rows.length > REORDER_ROWS_SHOWN ? (
        <p className="mt-3 text-xs text-slate-500" data-testid="below-reorder-more">
          The {REORDER_ROWS_SHOWN} largest shortfalls of {formatCount(rows.length)} parts at or below their reorder point are shown
          {canExport ? "; the CSV download holds all of them" : ""}. The plant filter narrows the list.
        </p>
      ) : null}
    </Card>
  );
}

async function SupplierSection({ scope, filters, canExport }: Props) {
  const { formatMoney, formatPercent, chart, locale } = await getFormat();
  const result = await loadSupplierQualitySpend(scope, filters);
  if (!result.ok) return <SectionError title="Supplier spend unavailable" message={result.message} />;
  const rows = result.data;
  const total = sumMoney(rows.map((r) => r.stock_value));
  const weighted = sumMoney(rows.map((r) => r.quality_weighted_value));
  const top = rows.slice(0, 12);
  return (
    <Card
      title="Supplier quality-weighted spend"
      description={`Spend = value of each supplier's parts on hand (quantity × unit cost; no purchase history is kept). Quality-weighted = spend × rating ÷ 5.${rows.length > 0 ? ` In view: ${formatMoney(weighted)} of ${formatMoney(total)} (${formatPercent(Number(total) === 0 ? 0 : Number(weighted) / Number(total))}).` : ""}`}
      testId="supplier-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="supplier-quality-spend" filters={filters} /> : null}
    >
      <UnappliedNote filters={filters} fields={STOCK} />
      {rows.length === 0 ? (
        <EmptyState title="No stock in view" />
      ) : (
        <>
          <PlotlyChart
            locale={locale}
            label="Bar chart of spend and quality-weighted spend for the largest suppliers"
            height={340}
            figure={{
              data: [
                {
                  type: "bar",
                  orientation: "h",
                  name: "Spend (stock value)",
                  y: top.map((r) => r.supplier_name),
                  x: top.map((r) => Number(r.stock_value)),
                  marker: { color: "#cbd5e1" },
                  hovertemplate: `%{y}<br>Spend ${chart.usd("%{x:,.2f}")}<extra></extra>`,
                },
                {
                  type: "bar",
                  orientation: "h",
                  name: "Quality-weighted",
                  y: top.map((r) => r.supplier_name),
                  x: top.map((r) => Number(r.quality_weighted_value)),
                  customdata: top.map((r) => r.quality_rating),
                  marker: { color: "#059669" },
                  hovertemplate: `%{y}<br>Quality-weighted ${chart.usd("%{x:,.2f}")}<br>rating %{customdata} / 5<extra></extra>`,
                },
              ],
              layout: {
                barmode: "group",
                xaxis: { title: { text: "Value (USD)" }, ...chart.usdAxis, separatethousands: true },
                yaxis: { title: { text: "Supplier (12 largest)" }, autorange: "reversed", automargin: true },
                legend: { orientation: "h", y: -0.2 },
                margin: { l: 160, r: 24, t: 8, b: 64 },
              },
            }}
          />
          <KpiTable
            kpi="supplier-quality-spend"
            caption="Supplier quality-weighted spend"
            columns={[
              { key: "supplier_name", label: "Supplier", kind: "text" },
              { key: "country", label: "Country", kind: "text" },
              { key: "quality_rating", label: "Rating", kind: "decimal" },
              { key: "parts", label: "Parts", kind: "count" },
              { key: "stock_value", label: "Spend (stock value)", kind: "money" },
              { key: "quality_weighted_value", label: "Quality-weighted", kind: "money" },
            ]}
            rows={rows}
            total={{ stock_value: total, quality_weighted_value: weighted }}
            maxHeight="24rem"
          />
        </>
      )}
    </Card>
  );
}
