import { Prisma } from "../generated/prisma/client";
import type { PlantScope } from "./policy";

/**
 * The SQL condition that keeps a query inside a plant scope: TRUE for `all`,
 * `1=0` for an empty scope (deny by default), else `column = ANY($ids)`.
 * `column` is a trusted identifier written in code, never user input.
 */
export function plantScopeCondition(scope: PlantScope, column: Prisma.Sql): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`TRUE`;
  if (scope.plantIds.length === 0) return Prisma.sql`1=0`;
  return Prisma.sql`${column} = ANY(${[...scope.plantIds]}::int[])`;
}
