import "server-only";
import { cache } from "react";
import type { PlantScope } from "../access/policy";
import { getDb } from "../db";
import { fetchModelAndRegionOptions, fetchPlantOptions, type FilterOptions } from "../filters/options";
import { CHANNELS } from "../filters";

/** Models and regions change rarely (imports, new catalogue): kept for a few minutes per server. */
const TTL_MS = 5 * 60_000;
let shared: { at: number; value: Promise<Pick<FilterOptions, "models" | "regions">> } | null = null;

function modelsAndRegions() {
  const now = Date.now();
  if (!shared || now - shared.at > TTL_MS) {
    const value = getDb().then((db) => fetchModelAndRegionOptions(db.prisma));
    shared = { at: now, value };
    value.catch(() => {
      if (shared?.value === value) shared = null; // a failure is not cached
    });
  }
  return shared.value;
}

/**
 * The filter bar's options for a user, once per request. A failure leaves the
 * lists empty (the bar still works from the URL); the dashboards report their
 * own failures.
 */
export const loadFilterOptions = cache(async (scopeKey: string): Promise<FilterOptions> => {
  const scope = JSON.parse(scopeKey) as PlantScope;
  try {
    const [plants, rest] = await Promise.all([getDb().then((db) => fetchPlantOptions(db.prisma, scope)), modelsAndRegions()]);
    return { plants, ...rest, channels: CHANNELS };
  } catch (error) {
    console.error("[volta] loading the filter options failed:", error);
    return { plants: [], models: [], regions: [], channels: CHANNELS };
  }
});

export const filterOptionsFor = (scope: PlantScope) => loadFilterOptions(JSON.stringify(scope));
