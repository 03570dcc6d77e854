import "server-only";
import { cache } from "react";
import type { PlantScope } from "../access/policy";
import { processResultCache } from "../cache/results";
import { getDb } from "../db";
import { fetchModelAndRegionOptions, fetchPlantOptions, type FilterOptions } from "../filters/options";
import { CHANNELS } from "../filters";

/** Models and regions: from the process's result cache, emptied by every write (lib/cache/results.ts). */
async function modelsAndRegions(): Promise<Pick<FilterOptions, "models" | "regions">> {
  const db = await getDb();
  return processResultCache(db).get("filter options: models and regions", () => fetchModelAndRegionOptions(db.prisma));
}

/**
 * The filter bar's options for a user, once per request. A failure leaves the
 * lists empty (the bar still works from the URL); the dashboards report their
 * own failures.
 */
export const loadFilterOptions = cache(async (scopeKey: string): Promise<FilterOptions> => {
  const scope = JSON.parse(scopeKey) as PlantScope;
  try {
    const [plants, rest] = await Promise.all([getDb().then((db) => processResultCache(db).get(`filter options: plants\u0000${scopeKey}`, () => fetchPlantOptions(db.prisma, scope))), modelsAndRegions()]);
    return { plants, ...rest, channels: CHANNELS };
  } catch (error) {
    console.error("[volta] loading the filter options failed:", error);
    return { plants: [], models: [], regions: [], channels: CHANNELS };
  }
});

export const filterOptionsFor = (scope: PlantScope) => loadFilterOptions(JSON.stringify(scope));
