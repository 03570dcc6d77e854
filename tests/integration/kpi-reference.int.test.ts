import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { fetchInventoryValueByPlant } from "@/lib/kpi/inventory-value-by-plant";
import { fetchMonthlyRevenue } from "@/lib/kpi/monthly-revenue";
import { fetchRevenueByModel } from "@/lib/kpi/revenue-by-model";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { insertTrickyFixture } from "../helpers/fixtures";
import { asText, referenceQueries } from "../helpers/reference-sql";

const REF = referenceQueries();
const ALL = { kind: "all" } as const;

// The KPI modules against the data contract's SQL, run verbatim on the same data.
describe.each(availableEngines())("KPIs equal the reference SQL on %s", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 7 });
    await db.transaction((tx) => insertTrickyFixture(tx));
  });
  afterAll(async () => close?.());

  it("monthly revenue: same months, same totals to the cent, same order", async () => {
    const reference = await db.query<{ month_year: string; total_revenue: unknown }>(REF.monthlyRevenue);
    const kpi = await fetchMonthlyRevenue(db.prisma, ALL);
    expect(reference.length).toBeGreaterThan(12);
    expect(kpi).toEqual(reference.map((r) => ({ month_year: r.month_year, total_revenue: asText(r.total_revenue) })));
  });

  it("inventory value by plant: same plants and values to the cent", async () => {
    const reference = await db.query<{ plant_name: string; total_inventory_value: unknown }>(REF.inventoryValueByPlant);
    const kpi = await fetchInventoryValueByPlant(db.prisma, ALL);
    expect(reference.length).toBeGreaterThanOrEqual(2);
    expect(kpi.map(({ plant_name, total_inventory_value }) => ({ plant_name, total_inventory_value }))).toEqual(
      reference.map((r) => ({ plant_name: r.plant_name, total_inventory_value: asText(r.total_inventory_value) })),
    );
  });

  it("revenue by model: same models, units and revenue to the cent", async () => {
    const reference = await db.query<{ model_name: string; units_sold: unknown; total_revenue: unknown }>(REF.revenueByModel);
    const kpi = await fetchRevenueByModel(db.prisma, ALL);
    const byName = (a: { model_name: string }, b: { model_name: string }) => a.model_name.localeCompare(b.model_name);
    expect(reference.length).toBeGreaterThanOrEqual(3);
    expect([...kpi].sort(byName)).toEqual(
      reference
        .map((r) => ({ model_name: r.model_name, units_sold: Number(asText(r.units_sold)), total_revenue: asText(r.total_revenue) }))
        .sort(byName),
    );
    // The page lists the highest revenue first.
    const revenues = kpi.map((r) => Number(r.total_revenue));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  });

  it("keeps cents exact where binary floating point would drift", async () => {
    const months = await fetchMonthlyRevenue(db.prisma, ALL);
    const models = await fetchRevenueByModel(db.prisma, ALL);
    const plants = await fetchInventoryValueByPlant(db.prisma, ALL);
    // Fixture One: 0.10 + 0.20 (0.30000000000000004 in floats); Fixture Two: 33333.35 + 0.05.
    expect(models.find((m) => m.model_name === "Fixture One")).toEqual({ model_name: "Fixture One", units_sold: 2, total_revenue: "0.30" });
    expect(models.find((m) => m.model_name === "Fixture Two")).toEqual({ model_name: "Fixture Two", units_sold: 2, total_revenue: "33333.40" });
    // 3 × 0.10 + 7 × 0.20 = 1.70; 3 × 1234.57 + 0 × 0.10 = 3703.71.
    expect(plants.find((p) => p.plant_name === "Fixture Plant North")?.total_inventory_value).toBe("1.70");
    expect(plants.find((p) => p.plant_name === "Fixture Plant South")?.total_inventory_value).toBe("3703.71");
    for (const row of months) expect(row.total_revenue).toMatch(/^\d+\.\d{2}$/);
  });

  it("the reference file is the data contract's SQL, verbatim", () => {
    const contract = path.resolve(process.cwd(), "..", "shared", "DATA_CONTRACT.md");
    if (!fs.existsSync(contract)) return; // outside the project's workspace only the copy exists
    const sql = /```sql\n([\s\S]*?)```/.exec(fs.readFileSync(contract, "utf8"))?.[1];
    const copy = fs.readFileSync(path.join(import.meta.dirname, "..", "reference", "kpi-reference.sql"), "utf8");
    expect(copy).toBe(sql);
  });
});

describe.each(availableEngines())("KPIs on an empty database (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => ({ db, close } = await openMigratedTestDatabase(engine)));
  afterAll(async () => close?.());

  it("return no rows rather than failing", async () => {
    expect(await fetchMonthlyRevenue(db.prisma, ALL)).toEqual([]);
    expect(await fetchInventoryValueByPlant(db.prisma, ALL)).toEqual([]);
    expect(await fetchRevenueByModel(db.prisma, ALL)).toEqual([]);
  });
});
