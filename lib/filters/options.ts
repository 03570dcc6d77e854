import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { QueryClient } from "../kpi/types";
import { CHANNELS, type Channel } from "./index";

/** What the filter bar offers: plants in the user's scope, the models and regions on record, the channels. */
export type FilterOptions = {
  plants: Array<{ id: number; name: string }>;
  models: string[];
  regions: string[];
  channels: readonly Channel[];
};

/** Plants the user may see, by name. Small table: read per request. */
export async function fetchPlantOptions(db: QueryClient, scope: PlantScope): Promise<FilterOptions["plants"]> {
  const rows = await db.$queryRaw<Array<{ id: number; name: string }>>(Prisma.sql`
    SELECT pl.plant_id::int AS id, pl.name FROM plants pl
    WHERE ${plantScopeCondition(scope, Prisma.sql`pl.plant_id`)}
    ORDER BY pl.name`);
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/**
 * Distinct model names and customer regions. Models by a loose index scan over
 * vehicles_model_name_idx (one index probe per model, milliseconds on millions of
 * vehicles); regions have no index, a scan of customers — callers cache both.
 */
export async function fetchModelAndRegionOptions(db: QueryClient): Promise<Pick<FilterOptions, "models" | "regions">> {
  const [models, regions] = await Promise.all([
    db.$queryRaw<Array<{ name: string }>>(Prisma.sql`
      WITH RECURSIVE m AS (
        SELECT min(model_name) AS name FROM vehicles
        UNION ALL
        SELECT (SELECT min(v.model_name) FROM vehicles v WHERE v.model_name > m.name) FROM m WHERE m.name IS NOT NULL
      )
      SELECT name FROM m WHERE name IS NOT NULL ORDER BY name`),
    db.$queryRaw<Array<{ region: string }>>(Prisma.sql`SELECT DISTINCT region FROM customers ORDER BY region`),
  ]);
  return { models: models.map((r) => r.name), regions: regions.map((r) => r.region) };
}

export async function fetchFilterOptions(db: QueryClient, scope: PlantScope): Promise<FilterOptions> {
  const [plants, rest] = await Promise.all([fetchPlantOptions(db, scope), fetchModelAndRegionOptions(db)]);
  return { plants, ...rest, channels: CHANNELS };
}
