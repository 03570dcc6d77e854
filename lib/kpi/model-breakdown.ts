import type { PlantScope } from "../access/policy";
import { type Filters, NO_FILTERS } from "../filters";
import type { FilterColumns } from "../filters/sql";
import { Prisma } from "../generated/prisma/client";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { QueryClient } from "./types";
import { count, money } from "./values";

/** The columns of a sale (order ⋈ vehicle ⋈ customer) the page filters apply to. */
export const SALE_FILTER_COLUMNS: FilterColumns = {
  date: Prisma.sql`s.sale_date`,
  plant: Prisma.sql`v.plant_id`,
  model: Prisma.sql`v.model_name`,
  region: Prisma.sql`c.region`,
  channel: Prisma.sql`s.channel`,
};

export type BreakdownRow = {
  /** What a drill-down link filters on: trim name, plant id, region, YYYY-MM. */
  key: string;
  label: string;
  units_sold: number;
  total_revenue: string;
  /** Σ (sale price − MSRP): negative when sold under list price. Exact. */
  vs_msrp: string;
  total_msrp: string;
};

export type ModelBreakdown = {
  total: Omit<BreakdownRow, "key" | "label">;
  byTrim: BreakdownRow[];
  byPlant: BreakdownRow[];
  byRegion: BreakdownRow[];
  /** Oldest month first. */
  byMonth: BreakdownRow[];
};

/** Does any vehicle of this model exist (whatever the scope)? For a 404 on unknown names. */
export async function modelExists(db: QueryClient, model: string): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>(Prisma.sql`SELECT 1 FROM vehicles WHERE model_name = ${model} LIMIT 1`);
  return rows.length > 0;
}

/**
 * One model's sales broken down by trim, plant, customer region and month of
 * sale, in one pass (GROUPING SETS), within `scope` and narrowed by `filters`:
 * from the sales rollups whenever they cover the filters (lib/kpi/sales-source.ts),
 * else from the orders themselves.
 */
export async function fetchModelBreakdown(
  db: QueryClient,
  scope: PlantScope,
  model: string,
  filters: Filters = NO_FILTERS,
  options: SalesQueryOptions = {},
): Promise<ModelBreakdown> {
  const rows = await db.$queryRaw<
    Array<{
      dim: "trim" | "plant" | "region" | "month" | "total";
      trim: string | null;
      plant_id: unknown;
      plant_name: string | null;
      region: string | null;
      month: string | null;
      units_sold: unknown;
      total_revenue: unknown;
      vs_msrp: unknown;
      total_msrp: unknown;
    }>
  >(Prisma.sql`
    SELECT CASE WHEN GROUPING(f.trim) = 0 THEN 'trim'
                WHEN GROUPING(f.plant_id) = 0 THEN 'plant'
                WHEN GROUPING(f.region) = 0 THEN 'region'
                WHEN GROUPING(f.month) = 0 THEN 'month'
                ELSE 'total' END AS dim,
           f.trim, f.plant_id, pl.name AS plant_name, f.region,
           to_char(f.month, 'YYYY-MM') AS month,
           SUM(f.orders)::bigint AS units_sold,
           SUM(f.revenue) AS total_revenue,
           SUM(f.revenue) - SUM(f.msrp_total) AS vs_msrp,
           SUM(f.msrp_total) AS total_msrp
    FROM (${salesFacts(scope, filters, chooseSource(filters, options))}) f
    JOIN plants pl ON pl.plant_id = f.plant_id
    WHERE f.model_name = ${model}
    GROUP BY GROUPING SETS ((f.trim), (f.plant_id, pl.name), (f.region), (f.month), ())
    HAVING SUM(f.orders) > 0`);

  const out: ModelBreakdown = { total: { units_sold: 0, total_revenue: "0.00", vs_msrp: "0.00", total_msrp: "0.00" }, byTrim: [], byPlant: [], byRegion: [], byMonth: [] };
  for (const r of rows) {
    const figures = { units_sold: count(r.units_sold), total_revenue: money(r.total_revenue), vs_msrp: money(r.vs_msrp), total_msrp: money(r.total_msrp) };
    switch (r.dim) {
      case "trim":
        out.byTrim.push({ key: r.trim!, label: r.trim!, ...figures });
        break;
      case "plant":
        out.byPlant.push({ key: String(count(r.plant_id)), label: r.plant_name!, ...figures });
        break;
      case "region":
        out.byRegion.push({ key: r.region!, label: r.region!, ...figures });
        break;
      case "month":
        out.byMonth.push({ key: r.month!, label: r.month!, ...figures });
        break;
      case "total":
        out.total = figures;
        break;
    }
  }
  const byRevenue = (a: BreakdownRow, b: BreakdownRow) => compareMoney(b.total_revenue, a.total_revenue) || a.label.localeCompare(b.label);
  out.byTrim.sort(byRevenue);
  out.byPlant.sort(byRevenue);
  out.byRegion.sort(byRevenue);
  out.byMonth.sort((a, b) => a.key.localeCompare(b.key));
  return out;
}

/** Compares exact decimal strings with two decimals (as `money` writes them). */
function compareMoney(a: string, b: string): number {
  const cents = (s: string) => BigInt(s.replace(".", ""));
  const d = cents(a) - cents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The breakdowns of the model page, as the export's path names them. */
export const BREAKDOWN_EXPORTS = ["trim", "plant", "region", "month"] as const;
export type BreakdownExport = (typeof BREAKDOWN_EXPORTS)[number];

/** Each breakdown's CSV columns: its key column(s), then the figures. */
export const BREAKDOWN_EXPORT_COLUMNS: Readonly<Record<BreakdownExport, readonly string[]>> = {
  trim: ["trim", "units_sold", "total_revenue", "vs_msrp", "total_msrp"],
  plant: ["plant_id", "plant_name", "units_sold", "total_revenue", "vs_msrp", "total_msrp"],
  region: ["region", "units_sold", "total_revenue", "vs_msrp", "total_msrp"],
  month: ["month_year", "units_sold", "total_revenue", "vs_msrp", "total_msrp"],
};

/**
 * One breakdown as CSV rows, in the order of the page's table: trims, plants
 * and regions by revenue, highest first; months newest first.
 */
export function breakdownExportRows(breakdown: ModelBreakdown, dimension: BreakdownExport): Array<Record<string, string | number>> {
  const figures = (r: BreakdownRow) => ({ units_sold: r.units_sold, total_revenue: r.total_revenue, vs_msrp: r.vs_msrp, total_msrp: r.total_msrp });
  switch (dimension) {
    case "trim":
      return breakdown.byTrim.map((r) => ({ trim: r.key, ...figures(r) }));
    case "plant":
      return breakdown.byPlant.map((r) => ({ plant_id: Number(r.key), plant_name: r.label, ...figures(r) }));
    case "region":
      return breakdown.byRegion.map((r) => ({ region: r.key, ...figures(r) }));
    case "month":
      return [...breakdown.byMonth].reverse().map((r) => ({ month_year: r.key, ...figures(r) }));
  }
}
