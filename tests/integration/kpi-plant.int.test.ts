import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PLANTS, type PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { type Filters, NO_FILTERS } from "@/lib/filters";
import { fetchInventoryByCategory } from "@/lib/kpi/inventory-by-category";
import { fetchInventoryValueByPlant } from "@/lib/kpi/inventory-value-by-plant";
import { fetchInventoryValueTrend } from "@/lib/kpi/inventory-value-trend";
import { fetchPartsBelowReorder } from "@/lib/kpi/parts-below-reorder";
import { fetchPlantUtilisation, fetchPlantUtilisationSummary } from "@/lib/kpi/plant-utilisation";
import { fetchSupplierQualitySpend } from "@/lib/kpi/supplier-quality-spend";
import { sumMoney } from "@/lib/kpi/values";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import {
  refInventoryByCategory,
  refInventoryTrend,
  refPartsBelowReorder,
  refPlantUtilisation,
  refSupplierSpend,
} from "../helpers/plant-service-reference";

const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });
const ALL: PlantScope = { kind: "all" };
const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });

/** Ledger rows over 2026 at three plants, some right at month edges (UTC). */
async function insertLedger(db: Database) {
  await db.exec(`
    INSERT INTO stock_movements (at, plant_id, part_id, kind, quantity_delta)
    SELECT t.at, i.plant_id, i.part_id, CASE WHEN t.delta > 0 THEN 'receive' ELSE 'consume' END, t.delta
    FROM (VALUES ('2026-01-15T10:00:00Z'::timestamptz, 40), ('2026-03-31T22:30:00Z', -3), ('2026-03-31T23:30:00Z', 25),
                 ('2026-06-30T23:59:59Z', 12), ('2026-07-01T00:00:00Z', -1), ('2026-10-31T23:30:00Z', 7), ('2026-11-20T08:00:00Z', -2)) AS t(at, delta)
    CROSS JOIN LATERAL (SELECT plant_id, part_id FROM inventory WHERE plant_id IN (1, 2, 3) AND quantity >= 5 ORDER BY plant_id, part_id LIMIT 9) i;
  `);
}

describe.each(availableEngines())("plant-manager KPIs against hand-written SQL (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 11 });
    await insertLedger(db);
  });
  afterAll(async () => close?.());

  it("inventory value trend: end-of-month values rebuilt from the ledger, in the business zone, scoped", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    for (const [scope, list] of [[plants(1), [1]], [plants(2, 3), [2, 3]], [ALL, null]] as const) {
      for (const tz of ["UTC", "Europe/Berlin", "America/New_York"]) {
        const rows = await fetchInventoryValueTrend(db.prisma, scope, filters({ range: "custom", from: "2025-12-01", to: "2026-12-31" }), { timeZone: tz, now });
        const months = rows.map((r) => r.month_year);
        expect(months).toEqual(["2025-12", ...Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, "0")}`)]);
        const expected = await refInventoryTrend(db, { plants: list ? [...list] : null, months, tz });
        expect(rows.map(({ month_year, inventory_value, movements }) => ({ month_year, inventory_value, movements: String(movements) }))).toEqual(expected);
      }
    }
    // The current month is today's stock, which is the inventory page's figure.
    const [own] = await fetchInventoryValueByPlant(db.prisma, plants(1));
    const trend = await fetchInventoryValueTrend(db.prisma, plants(1), NO_FILTERS, { timeZone: "UTC", now });
    expect(trend.at(-1)).toMatchObject({ month_year: "2026-12", inventory_value: own!.total_inventory_value });
    // Without dates: 12 months back (here 2026-01) or to the first ledger month, whichever is earlier.
    expect(trend[0]!.month_year).toBe("2026-01");
    await db.exec("INSERT INTO stock_movements (at, plant_id, part_id, kind, quantity_delta) SELECT '2025-06-10T12:00:00Z', plant_id, part_id, 'receive', 1 FROM inventory WHERE plant_id = 1 ORDER BY part_id LIMIT 1");
    const longer = await fetchInventoryValueTrend(db.prisma, plants(1), NO_FILTERS, { timeZone: "UTC", now });
    await db.exec("DELETE FROM stock_movements WHERE at = '2025-06-10T12:00:00Z'");
    expect(longer[0]!.month_year).toBe("2025-06");
    expect(longer).toHaveLength(19);
    // Changes add up: value(M) − value(M−1) = change in M.
    for (let k = 1; k < trend.length; k++) {
      expect(sumMoney([trend[k]!.inventory_value, `-${trend[k - 1]!.inventory_value}`])).toBe(trend[k]!.value_change.replace(/^-?0\.00$/, "0.00"));
    }
  });

  it("inventory value trend: a plant filter narrows, never widens the scope; an empty scope sees nothing", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const narrowed = await fetchInventoryValueTrend(db.prisma, ALL, filters({ plantIds: [2] }), { timeZone: "UTC", now });
    expect(narrowed).toEqual(await fetchInventoryValueTrend(db.prisma, plants(2), NO_FILTERS, { timeZone: "UTC", now }));
    expect(await fetchInventoryValueTrend(db.prisma, plants(1), filters({ plantIds: [2] }), { timeZone: "UTC", now })).toEqual([]);
    expect(await fetchInventoryValueTrend(db.prisma, NO_PLANTS, NO_FILTERS, { timeZone: "UTC", now })).toEqual([]);
    // A range wholly in the future has no months to show.
    expect(await fetchInventoryValueTrend(db.prisma, ALL, filters({ range: "custom", from: "2027-03-01", to: null }), { timeZone: "UTC", now })).toEqual([]);
  });

  it("inventory by category and parts below reorder point equal SQL, per scope", async () => {
    for (const [scope, list] of [[plants(1), [1]], [plants(1, 3), [1, 3]], [ALL, null]] as const) {
      const byCategory = await fetchInventoryByCategory(db.prisma, scope);
      expect(byCategory.map((r) => ({ ...r, parts: String(r.parts), units: String(r.units) }))).toEqual(
        await refInventoryByCategory(db, { plants: list ? [...list] : null }),
      );
      const low = await fetchPartsBelowReorder(db.prisma, scope);
      expect(low.length).toBeGreaterThan(0);
      expect(
        low.map((r) => ({
          plant_name: r.plant_name,
          part_number: r.part_number,
          quantity: String(r.quantity),
          reorder_point: String(r.reorder_point),
          shortfall: String(r.shortfall),
          shortfall_value: r.shortfall_value,
          supplier_name: r.supplier_name,
          supplier_rating: r.supplier_rating,
        })),
      ).toEqual(await refPartsBelowReorder(db, { plants: list ? [...list] : null }));
      for (const r of low) expect(r.quantity).toBeLessThanOrEqual(r.reorder_point);
    }
    // Categories add up to the plant's inventory value.
    const [own] = await fetchInventoryValueByPlant(db.prisma, plants(1));
    expect(sumMoney((await fetchInventoryByCategory(db.prisma, plants(1))).map((r) => r.inventory_value))).toBe(own!.total_inventory_value);
    // The plant filter applies; outside the scope it shows nothing.
    expect(new Set((await fetchPartsBelowReorder(db.prisma, ALL, filters({ plantIds: [3] }))).map((r) => r.plant_id))).toEqual(new Set([3]));
    expect(await fetchPartsBelowReorder(db.prisma, plants(1), filters({ plantIds: [3] }))).toEqual([]);
    expect(await fetchPartsBelowReorder(db.prisma, NO_PLANTS)).toEqual([]);
    expect(await fetchInventoryByCategory(db.prisma, NO_PLANTS)).toEqual([]);
  });

  it("plant utilisation: units built vs capacity pro rata, per month, across a leap February", async () => {
    const f = filters({ range: "custom", from: "2024-02-10", to: "2025-03-20" });
    for (const [scope, list] of [[plants(1), [1]], [ALL, null]] as const) {
      const rows = await fetchPlantUtilisation(db.prisma, scope, f);
      expect(rows.map((r) => ({ plant_name: r.plant_name, month_year: r.month_year, days: String(r.days), units_built: String(r.units_built), capacity: r.capacity, utilisation: r.utilisation }))).toEqual(
        await refPlantUtilisation(db, { plants: list ? [...list] : null, from: "2024-02-10", to: "2025-03-20" }),
      );
      expect(rows.some((r) => r.units_built > 0)).toBe(true);
    }
    const feb = (await fetchPlantUtilisation(db.prisma, plants(1), f)).find((r) => r.month_year === "2024-02")!;
    expect(feb.days).toBe(20); // 10–29 February 2024
    // A whole year is exactly the annual capacity, leap year or not.
    const [plant] = await db.query<{ annual_capacity: number }>("SELECT annual_capacity FROM plants WHERE plant_id = 1");
    for (const year of ["2024", "2025"]) {
      const [summary] = await fetchPlantUtilisationSummary(db.prisma, plants(1), filters({ range: "custom", from: `${year}-01-01`, to: `${year}-12-31` }));
      expect(summary).toMatchObject({ plant_id: 1, capacity: `${plant!.annual_capacity}.00`, days: year === "2024" ? 366 : 365 });
      const [built] = await db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM vehicles WHERE plant_id = 1 AND manufacture_date BETWEEN '${year}-01-01' AND '${year}-12-31'`);
      expect(summary!.units_built).toBe(Number(built!.n));
    }
    // Open-ended: from the month of the first build to today (pinned), per plant.
    const open = await fetchPlantUtilisationSummary(db.prisma, plants(2), NO_FILTERS, { today: "2026-12-01" });
    const [first] = await db.query<{ d: string }>("SELECT to_char(date_trunc('month', MIN(manufacture_date)), 'YYYY-MM-DD') AS d FROM vehicles WHERE plant_id = 2");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ plant_id: 2, first_day: first!.d, last_day: "2026-12-01" });
    // Scope and plant filter.
    expect(await fetchPlantUtilisation(db.prisma, plants(1), filters({ plantIds: [2] }))).toEqual([]);
    expect(await fetchPlantUtilisation(db.prisma, NO_PLANTS, f)).toEqual([]);
  });

  it("plant utilisation from the build rollup equals the count over the vehicles themselves", async () => {
    const cases = [
      NO_FILTERS,
      filters({ range: "custom", from: "2024-02-10", to: "2025-03-20" }),
      filters({ range: "custom", from: "2023-06-15" }),
      filters({ plantIds: [1, 3] }),
      filters({ range: "custom", to: "2022-01-01" }),
    ];
    for (const f of cases) {
      for (const scope of [ALL, plants(1), plants(2, 3), NO_PLANTS]) {
        for (const today of ["2026-12-01", "2024-03-31"]) {
          const options = { today };
          expect(await fetchPlantUtilisation(db.prisma, scope, f, { ...options, source: "rollup" })).toEqual(
            await fetchPlantUtilisation(db.prisma, scope, f, { ...options, source: "raw" }),
          );
          expect(await fetchPlantUtilisationSummary(db.prisma, scope, f, { ...options, source: "rollup" })).toEqual(
            await fetchPlantUtilisationSummary(db.prisma, scope, f, { ...options, source: "raw" }),
          );
        }
      }
    }
  });

  it("supplier quality-weighted spend equals SQL, per scope", async () => {
    for (const [scope, list] of [[plants(1), [1]], [ALL, null]] as const) {
      const rows = await fetchSupplierQualitySpend(db.prisma, scope);
      expect(rows.length).toBeGreaterThan(3);
      expect(rows.map(({ supplier_name, quality_rating, stock_value, quality_weighted_value }) => ({ supplier_name, quality_rating, stock_value, quality_weighted_value }))).toEqual(
        await refSupplierSpend(db, { plants: list ? [...list] : null }),
      );
    }
    const [own] = await fetchInventoryValueByPlant(db.prisma, plants(1));
    expect(sumMoney((await fetchSupplierQualitySpend(db.prisma, plants(1))).map((r) => r.stock_value))).toBe(own!.total_inventory_value);
    expect(await fetchSupplierQualitySpend(db.prisma, NO_PLANTS)).toEqual([]);
  });
});
