import { Suspense } from "react";
import { PlotlyChart } from "@/components/charts/plotly-chart";
import { getFormat } from "@/lib/format/server";
import { Card, CsvDownload, EmptyState, SectionError, Stat } from "@/components/ui/card";
import { KpiTable } from "@/components/ui/kpi-table";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/ui/skeletons";
import type { PlantScope } from "@/lib/access/policy";
import { loadRepeatRepairRate, loadServiceByAge, loadServiceByModel } from "@/lib/data/service-kpis";
import type { Filters } from "@/lib/filters";

type Props = { scope: PlantScope; filters: Filters; canExport: boolean };

const COLORS = ["#059669", "#2563eb", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d"];

/** The service page's sections, each streamed on its own. */
export function ServiceSections(props: Props) {
  return (
    <>
      <Suspense fallback={<StatsSkeleton count={4} />}>
        <ServiceStats {...props} />
      </Suspense>
      <Suspense fallback={<ChartSkeleton />}>
        <ByModelSection {...props} />
      </Suspense>
      <Suspense fallback={<ChartSkeleton />}>
        <ByAgeSection {...props} />
      </Suspense>
      <Suspense fallback={<ChartSkeleton />}>
        <RepeatRepairSection {...props} />
      </Suspense>
    </>
  );
}

const perThousand = (n: number, d: number) => (d === 0 ? 0 : (n * 1000) / d);

async function ServiceStats({ scope, filters }: Props) {
  const { formatCount, formatPercent, formatDecimal } = await getFormat();
  const [byModel, repeat] = await Promise.all([loadServiceByModel(scope, filters), loadRepeatRepairRate(scope, filters)]);
  if (!byModel.ok) return <SectionError title="Service figures unavailable" message={byModel.message} />;
  if (byModel.data.length === 0) return null;
  const vehicles = byModel.data.reduce((n, r) => n + r.vehicles, 0);
  const visits = byModel.data.reduce((n, r) => n + r.visits, 0);
  const warranty = byModel.data.reduce((n, r) => n + r.warranty_visits, 0);
  const repaired = repeat.ok ? repeat.data.reduce((n, r) => n + r.repaired_vehicles, 0) : 0;
  const repeated = repeat.ok ? repeat.data.reduce((n, r) => n + r.repeat_vehicles, 0) : 0;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <Stat label="Vehicles in view" value={formatCount(vehicles)} hint="built in the plants in view" testId="stat-vehicles" />
      <Stat label="Visits per 1,000 vehicles" value={formatDecimal(perThousand(visits, vehicles).toFixed(1))} hint={`${formatCount(visits)} visits`} testId="stat-visits" />
      <Stat label="Warranty visits per 1,000" value={formatDecimal(perThousand(warranty, vehicles).toFixed(1))} hint={`${formatCount(warranty)} warranty visits`} testId="stat-warranty" />
      <Stat
        label="Repeat-repair rate"
        value={repeat.ok ? formatPercent(repaired === 0 ? 0 : repeated / repaired) : "—"}
        hint={repeat.ok ? `${formatCount(repeated)} of ${formatCount(repaired)} repaired vehicles` : "unavailable"}
        testId="stat-repeat"
      />
    </div>
  );
}

async function ByModelSection({ scope, filters, canExport }: Props) {
  const { locale } = await getFormat();
  const result = await loadServiceByModel(scope, filters);
  if (!result.ok) return <SectionError title="Service by model unavailable" message={result.message} />;
  const rows = result.data;
  const uncosted = rows.some((r) => r.warranty_visits > 0) && rows.every((r) => r.warranty_cost === "0.00");
  return (
    <Card
      title="Service visits and warranty per 1,000 vehicles, by model"
      description="Visits in the period per 1,000 vehicles of the model built in the plants in view (by the end of the period). Warranty cost is the cost recorded on warranty visits."
      testId="service-model-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="service-by-model" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        <EmptyState title="No vehicles in view">No vehicles were built in the plants and models in view.</EmptyState>
      ) : (
        <>
          {uncosted ? (
            <p className="mb-3 text-xs text-slate-500" data-testid="warranty-uncosted">
              The warranty visits in view carry no recorded cost (the service records hold what the owner was invoiced, nothing for warranty work), so warranty cost shows $0.00: compare warranty visits instead.
            </p>
          ) : null}
          <PlotlyChart
            locale={locale}
            label="Bar chart of service visits and warranty visits per 1,000 vehicles by model"
            height={320}
            figure={{
              data: [
                {
                  type: "bar",
                  name: "All visits",
                  x: rows.map((r) => r.model_name),
                  y: rows.map((r) => Number(r.visits_per_1000)),
                  customdata: rows.map((r) => [r.visits, r.vehicles]),
                  marker: { color: "#059669" },
                  hovertemplate: "%{x}<br>%{y:,.1f} visits per 1,000<br>%{customdata[0]:,} visits, %{customdata[1]:,} vehicles<extra></extra>",
                },
                {
                  type: "bar",
                  name: "Warranty visits",
                  x: rows.map((r) => r.model_name),
                  y: rows.map((r) => Number(r.warranty_visits_per_1000)),
                  customdata: rows.map((r) => [r.warranty_visits]),
                  marker: { color: "#d97706" },
                  hovertemplate: "%{x}<br>%{y:,.1f} warranty visits per 1,000<br>%{customdata[0]:,} warranty visits<extra></extra>",
                },
              ],
              layout: {
                barmode: "group",
                xaxis: { title: { text: "Model" } },
                yaxis: { title: { text: "Visits per 1,000 vehicles" }, separatethousands: true },
                legend: { orientation: "h", y: -0.25 },
              },
            }}
          />
          <KpiTable
            kpi="service-by-model"
            caption="Service visits and warranty per 1,000 vehicles by model"
            columns={[
              { key: "model_name", label: "Model", kind: "text" },
              { key: "vehicles", label: "Vehicles", kind: "count" },
              { key: "visits", label: "Visits", kind: "count" },
              { key: "visits_per_1000", label: "Visits per 1,000", kind: "decimal" },
              { key: "warranty_visits", label: "Warranty visits", kind: "count" },
              { key: "warranty_visits_per_1000", label: "Warranty per 1,000", kind: "decimal" },
              { key: "warranty_cost", label: "Warranty cost", kind: "money" },
              { key: "warranty_cost_per_1000", label: "Warranty cost per 1,000", kind: "money" },
            ]}
            rows={rows}
          />
        </>
      )}
    </Card>
  );
}

async function ByAgeSection({ scope, filters, canExport }: Props) {
  const { locale } = await getFormat();
  const result = await loadServiceByAge(scope, filters);
  if (!result.ok) return <SectionError title="Service by months in service unavailable" message={result.message} />;
  const rows = result.data;
  const models = [...new Set(rows.map((r) => r.model_name))];
  return (
    <Card
      title="Service visits per 1,000 vehicles, by months in service"
      description="Months from delivery (the sale date; the build date for unsold vehicles) to the visit, in 12-month buckets. Per 1,000 vehicles of the model in view, not adjusted for how many reached each age."
      testId="service-age-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="service-by-age" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        <EmptyState title="No service visits in view">No vehicle in view was serviced in this period.</EmptyState>
      ) : (
        <>
          <PlotlyChart
            locale={locale}
            label="Line chart of service visits per 1,000 vehicles by months in service, one line per model"
            height={320}
            figure={{
              data: models.map((model, i) => {
                const series = rows.filter((r) => r.model_name === model);
                return {
                  type: "scatter" as const,
                  mode: "lines+markers" as const,
                  name: model,
                  x: series.map((r) => r.months_in_service),
                  y: series.map((r) => Number(r.visits_per_1000)),
                  customdata: series.map((r) => [r.visits, r.warranty_visits_per_1000]),
                  line: { color: COLORS[i % COLORS.length], width: 2 },
                  hovertemplate: `${model}, months %{x}<br>%{y:,.1f} visits per 1,000 (%{customdata[0]:,} visits)<br>%{customdata[1]} warranty visits per 1,000<extra></extra>`,
                };
              }),
              layout: {
                xaxis: { title: { text: "Months in service" }, type: "category" },
                yaxis: { title: { text: "Visits per 1,000 vehicles" }, separatethousands: true, rangemode: "tozero" },
                legend: { orientation: "h", y: -0.25 },
              },
            }}
          />
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-600">Table by model and months in service</summary>
            <div className="mt-2">
              <KpiTable
                kpi="service-by-age"
                caption="Service visits per 1,000 vehicles by model and months in service"
                columns={[
                  { key: "model_name", label: "Model", kind: "text" },
                  { key: "months_in_service", label: "Months in service", kind: "text" },
                  { key: "vehicles", label: "Vehicles", kind: "count" },
                  { key: "visits", label: "Visits", kind: "count" },
                  { key: "visits_per_1000", label: "Visits per 1,000", kind: "decimal" },
                  { key: "warranty_visits", label: "Warranty visits", kind: "count" },
                  { key: "warranty_visits_per_1000", label: "Warranty per 1,000", kind: "decimal" },
                  { key: "warranty_cost_per_1000", label: "Warranty cost per 1,000", kind: "money" },
                ]}
                rows={rows}
                maxHeight="24rem"
              />
            </div>
          </details>
        </>
      )}
    </Card>
  );
}

async function RepeatRepairSection({ scope, filters, canExport }: Props) {
  const { locale } = await getFormat();
  const result = await loadRepeatRepairRate(scope, filters);
  if (!result.ok) return <SectionError title="Repeat-repair rate unavailable" message={result.message} />;
  const rows = result.data;
  return (
    <Card
      title="Repeat-repair rate"
      description="Of the vehicles with at least one repair visit in the period, the share with two or more repair visits in it (scheduled, warranty and recall visits do not count)."
      testId="repeat-repair-card"
      actions={canExport && rows.length > 0 ? <CsvDownload kpi="repeat-repair-rate" filters={filters} /> : null}
    >
      {rows.length === 0 ? (
        <EmptyState title="No repairs in view">No vehicle in view had a repair visit in this period.</EmptyState>
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          <PlotlyChart
            locale={locale}
            label="Bar chart of the repeat-repair rate by model"
            height={280}
            figure={{
              data: [
                {
                  type: "bar",
                  x: rows.map((r) => r.model_name),
                  y: rows.map((r) => Number(r.repeat_rate)),
                  customdata: rows.map((r) => [r.repeat_vehicles, r.repaired_vehicles]),
                  marker: { color: "#7c3aed" },
                  hovertemplate: "%{x}<br>%{y:.1%} repaired twice or more<br>%{customdata[0]:,} of %{customdata[1]:,} repaired vehicles<extra></extra>",
                },
              ],
              layout: {
                xaxis: { title: { text: "Model" } },
                yaxis: { title: { text: "Repeat-repair rate (%)" }, tickformat: ".0%", rangemode: "tozero" },
              },
            }}
          />
          <KpiTable
            kpi="repeat-repair-rate"
            caption="Repeat-repair rate by model"
            columns={[
              { key: "model_name", label: "Model", kind: "text" },
              { key: "repaired_vehicles", label: "Vehicles repaired", kind: "count" },
              { key: "repeat_vehicles", label: "Repaired twice or more", kind: "count" },
              { key: "repeat_rate", label: "Rate", kind: "ratio" },
            ]}
            rows={rows}
          />
        </div>
      )}
    </Card>
  );
}
