import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PLANTS, type PlantScope } from "@/lib/access/policy";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { type Filters, NO_FILTERS } from "@/lib/filters";
import { fetchRepeatRepairRate } from "@/lib/kpi/repeat-repair-rate";
import { fetchServiceByAge } from "@/lib/kpi/service-by-age";
import { fetchServiceByModel } from "@/lib/kpi/service-by-model";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";
import { refRepeatRepair, refServiceByAge, refServiceByModel, type RefOptions } from "../helpers/plant-service-reference";

const plants = (...ids: number[]): PlantScope => ({ kind: "plants", plantIds: ids });
const ALL: PlantScope = { kind: "all" };
const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });

// Scope × filters, each compared with the hand-written SQL of the same question.
const CASES: Array<{ label: string; scope: PlantScope; filters: Filters; ref: RefOptions }> = [
  { label: "company-wide, all time", scope: ALL, filters: NO_FILTERS, ref: { plants: null } },
  { label: "plant 1, all time", scope: plants(1), filters: NO_FILTERS, ref: { plants: [1] } },
  { label: "plants 2 and 4, 2024 to mid-2025", scope: plants(2, 4), filters: filters({ range: "custom", from: "2024-01-01", to: "2025-06-30" }), ref: { plants: [2, 4], from: "2024-01-01", to: "2025-06-30" } },
  { label: "company-wide, plant filter 3, from 2025", scope: ALL, filters: filters({ range: "custom", from: "2025-01-01", plantIds: [3] }), ref: { plants: [3], from: "2025-01-01" } },
];

describe.each(availableEngines())("service KPIs against hand-written SQL (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let someModel: string;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.03, seed: 5 });
    someModel = (await db.query<{ m: string }>("SELECT MIN(model_name) AS m FROM vehicles"))[0]!.m;
    CASES.push({ label: `plant 1, model ${someModel}`, scope: plants(1), filters: filters({ models: [someModel] }), ref: { plants: [1], models: [someModel] } });
  });
  afterAll(async () => close?.());

  it("visits and warranty per 1,000 vehicles by model", async () => {
    for (const c of CASES) {
      const rows = await fetchServiceByModel(db.prisma, c.scope, c.filters);
      const expected = await refServiceByModel(db, c.ref);
      expect(expected.length, c.label).toBeGreaterThan(0);
      expect(
        rows.map((r) => ({
          model_name: r.model_name,
          vehicles: String(r.vehicles),
          visits: String(r.visits),
          visits_per_1000: r.visits_per_1000,
          warranty_visits: String(r.warranty_visits),
          warranty_cost: r.warranty_cost,
        })),
        c.label,
      ).toEqual(expected);
      expect(rows.some((r) => r.visits > 0 && r.warranty_visits > 0), c.label).toBe(true);
    }
  });

  it("visits per 1,000 by months in service (12-month buckets from the sale date)", async () => {
    for (const c of CASES) {
      const rows = await fetchServiceByAge(db.prisma, c.scope, c.filters);
      expect(
        rows.map((r) => ({
          model_name: r.model_name,
          months_from: String(r.months_from),
          vehicles: String(r.vehicles),
          visits: String(r.visits),
          visits_per_1000: r.visits_per_1000,
          warranty_visits: String(r.warranty_visits),
        })),
        c.label,
      ).toEqual(await refServiceByAge(db, c.ref));
      expect(new Set(rows.map((r) => r.months_from)).size, c.label).toBeGreaterThan(1);
      for (const r of rows) expect(r.months_in_service).toBe(`${r.months_from}–${r.months_from + 11}`);
    }
    // The buckets of a model add up to its visits.
    const byModel = await fetchServiceByModel(db.prisma, plants(1));
    const byAge = await fetchServiceByAge(db.prisma, plants(1));
    for (const m of byModel) expect(byAge.filter((r) => r.model_name === m.model_name).reduce((n, r) => n + r.visits, 0)).toBe(m.visits);
  });

  it("repeat-repair rate: share of repaired vehicles repaired twice or more", async () => {
    for (const c of CASES) {
      const rows = await fetchRepeatRepairRate(db.prisma, c.scope, c.filters);
      const expected = await refRepeatRepair(db, c.ref);
      expect(rows.map((r) => ({ model_name: r.model_name, repaired_vehicles: String(r.repaired_vehicles), repeat_vehicles: String(r.repeat_vehicles) })), c.label).toEqual(expected);
      for (const r of rows) {
        expect(Number(r.repeat_rate)).toBeCloseTo(r.repeat_vehicles / r.repaired_vehicles, 4);
        expect(r.repeat_rate).toMatch(/^[01]\.\d{4}$/);
      }
      expect(rows.some((r) => r.repeat_vehicles > 0), c.label).toBe(true);
    }
  });

  it("a plant manager sees only the vehicles built in their plants; an empty scope sees nothing", async () => {
    const [own] = await db.query<{ n: unknown }>("SELECT COUNT(*) AS n FROM vehicles WHERE plant_id = 1");
    const rows = await fetchServiceByModel(db.prisma, plants(1));
    expect(rows.reduce((n, r) => n + r.vehicles, 0)).toBe(Number(own!.n));
    // A plant filter outside the scope narrows to nothing, never to the other plant.
    expect(await fetchServiceByModel(db.prisma, plants(1), filters({ plantIds: [2] }))).toEqual([]);
    expect(await fetchServiceByModel(db.prisma, NO_PLANTS)).toEqual([]);
    expect(await fetchServiceByAge(db.prisma, NO_PLANTS)).toEqual([]);
    expect(await fetchRepeatRepairRate(db.prisma, NO_PLANTS)).toEqual([]);
  });
});
