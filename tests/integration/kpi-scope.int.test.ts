import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PLANTS, type PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { fetchInventoryValueByPlant } from "@/lib/kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "@/lib/kpi/monthly-revenue";
import { fetchPlantInventory } from "@/lib/kpi/plant-inventory";
import { fetchRevenueByModel } from "@/lib/kpi/revenue-by-model";
import { sumMoney } from "@/lib/kpi/values";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { asText } from "../helpers/reference-sql";

const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });

// Scoped KPIs against independent hand-written SQL on the same data.
describe.each(availableEngines())("plant scope in the KPI queries (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 11 });
  });
  afterAll(async () => close?.());

  it("inventory value: only the plants in scope, same values as SQL filtered by hand", async () => {
    const expected = await db.query<{ plant_name: string; v: unknown }>(
      `SELECT pl.name AS plant_name, SUM(i.quantity * p.cost) AS v
       FROM inventory i JOIN parts p ON p.part_id = i.part_id JOIN plants pl ON pl.plant_id = i.plant_id
       WHERE i.plant_id IN (1, 3) GROUP BY pl.name ORDER BY v DESC`,
    );
    const rows = await fetchInventoryValueByPlant(db.prisma, plants(1, 3));
    expect(rows.map((r) => r.plant_id).sort()).toEqual([1, 3]);
    expect(rows.map(({ plant_name, total_inventory_value }) => ({ plant_name, total_inventory_value }))).toEqual(
      expected.map((r) => ({ plant_name: r.plant_name, total_inventory_value: asText(r.v) })),
    );
  });

  it("revenue KPIs of a plant scope count only vehicles built there", async () => {
    const byModel = await db.query<{ model_name: string; n: unknown; v: unknown }>(
      `SELECT v.model_name, COUNT(*) AS n, SUM(s.sale_price) AS v FROM salesorders s JOIN vehicles v ON v.vin = s.vin
       WHERE v.plant_id = 2 GROUP BY v.model_name ORDER BY v.model_name`,
    );
    const models = await fetchRevenueByModel(db.prisma, plants(2));
    expect([...models].sort((a, b) => a.model_name.localeCompare(b.model_name))).toEqual(
      byModel.map((r) => ({ model_name: r.model_name, units_sold: Number(asText(r.n)), total_revenue: asText(r.v) })),
    );
    const byMonth = await db.query<{ m: string; v: unknown }>(
      `SELECT to_char(s.sale_date, 'YYYY-MM') AS m, SUM(s.sale_price) AS v FROM salesorders s JOIN vehicles v ON v.vin = s.vin
       WHERE v.plant_id = 2 GROUP BY 1 ORDER BY 1`,
    );
    expect(await fetchMonthlyRevenue(db.prisma, plants(2))).toEqual(byMonth.map((r) => ({ month_year: r.m, total_revenue: asText(r.v) })));
  });

  it("an empty scope returns nothing at all (deny by default)", async () => {
    expect(await fetchInventoryValueByPlant(db.prisma, NO_PLANTS)).toEqual([]);
    expect(await fetchRevenueByModel(db.prisma, NO_PLANTS)).toEqual([]);
    expect(await fetchMonthlyRevenue(db.prisma, NO_PLANTS)).toEqual([]);
    expect(await fetchPlantInventory(db.prisma, NO_PLANTS, 1)).toBeNull();
  });

  it("a plant's detail is empty outside the scope, whatever plant id is asked for", async () => {
    expect(await fetchPlantInventory(db.prisma, plants(1), 2)).toBeNull();
    expect(await fetchPlantInventory(db.prisma, plants(1), 999)).toBeNull();
    const own = await fetchPlantInventory(db.prisma, plants(1), 1);
    expect(own?.plant.plant_id).toBe(1);
    // Its categories add up to the plant's value on the inventory dashboard.
    const [plantRow] = (await fetchInventoryValueByPlant(db.prisma, plants(1)));
    expect(sumMoney(own!.byCategory.map((c) => c.total_value))).toBe(plantRow!.total_inventory_value);
    const low = await db.query<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM inventory WHERE plant_id = 1 AND quantity <= reorder_point`,
    );
    expect(own!.belowReorder).toHaveLength(Math.min(500, Number(asText(low[0]!.n))));
    for (const part of own!.belowReorder) expect(part.quantity).toBeLessThanOrEqual(part.reorder_point);
  });
});
