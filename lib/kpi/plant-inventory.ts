import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { Prisma } from "../generated/prisma/client";
import type { QueryClient } from "./types";
import { count, money } from "./values";

export type PlantInventory = {
  plant: { plant_id: number; name: string; city: string; country: string; annual_capacity: number };
  byCategory: Array<{ category: string; parts: number; units: number; total_value: string }>;
  belowReorder: Array<{
    part_number: string;
    part_name: string;
    category: string;
    supplier_name: string;
    quantity: number;
    reorder_point: number;
    unit_cost: string;
  }>;
};

/**
 * One plant's stock: value by part category and the parts at or below their
 * reorder point. `null` when the plant does not exist or lies outside `scope`
 * (the scope is applied in SQL as well, so a caller that forgot to check still
 * gets nothing).
 */
export async function fetchPlantInventory(db: QueryClient, scope: PlantScope, plantId: number): Promise<PlantInventory | null> {
  const inScope = plantScopeCondition(scope, Prisma.sql`pl.plant_id`);
  const plants = await db.$queryRaw<PlantInventory["plant"][]>(Prisma.sql`
    SELECT pl.plant_id, pl.name, pl.city, pl.country, pl.annual_capacity
    FROM plants pl
    WHERE pl.plant_id = ${plantId} AND ${inScope}`);
  const plant = plants[0];
  if (!plant) return null;
  const scopeOnStock = plantScopeCondition(scope, Prisma.sql`i.plant_id`);
  const [categories, low] = await Promise.all([
    db.$queryRaw<Array<{ category: string; parts: unknown; units: unknown; total_value: unknown }>>(Prisma.sql`
      SELECT p.category, COUNT(*) AS parts, SUM(i.quantity) AS units, SUM(i.quantity * p.cost) AS total_value
      FROM inventory i
      JOIN parts p ON p.part_id = i.part_id
      WHERE i.plant_id = ${plantId} AND ${scopeOnStock}
      GROUP BY p.category
      ORDER BY total_value DESC, p.category`),
    db.$queryRaw<Array<PlantInventory["belowReorder"][number] & { quantity: unknown; reorder_point: unknown; unit_cost: unknown }>>(Prisma.sql`
      SELECT p.part_number, p.name AS part_name, p.category, s.name AS supplier_name,
             i.quantity, i.reorder_point, p.cost AS unit_cost
      FROM inventory i
      JOIN parts p ON p.part_id = i.part_id
      JOIN suppliers s ON s.supplier_id = p.supplier_id
      WHERE i.plant_id = ${plantId} AND ${scopeOnStock} AND i.quantity <= i.reorder_point
      ORDER BY (i.reorder_point - i.quantity) DESC, p.part_number
      LIMIT 500`),
  ]);
  return {
    plant: { ...plant, plant_id: count(plant.plant_id), annual_capacity: count(plant.annual_capacity) },
    byCategory: categories.map((c) => ({
      category: c.category,
      parts: count(c.parts),
      units: count(c.units),
      total_value: money(c.total_value),
    })),
    belowReorder: low.map((r) => ({
      ...r,
      quantity: count(r.quantity),
      reorder_point: count(r.reorder_point),
      unit_cost: money(r.unit_cost),
    })),
  };
}
