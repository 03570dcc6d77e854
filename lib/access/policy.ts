import type { Role } from "../auth/roles";

/**
 * The access policy as data: what each permission allows, which roles hold it,
 * and whose plants a user may see. Pure functions, no I/O: unit-tested as a matrix.
 */
export const PERMISSIONS = [
  "revenue:view", // monthly revenue
  "inventory:view", // inventory value (within the user's plant scope)
  "models:view", // revenue share by model and its drill-downs
  "orders:view", // lists of individual sales orders
  "orders:record", // record the sale of a vehicle
  "service:view", // service visits, warranty and repeat repairs (vehicles built in the plant scope)
  "inventory:move", // receive, consume, transfer and count stock (within the plant scope)
  "data:export", // CSV downloads of what the user may view
  "data:import", // CSV imports
  "users:manage", // create, change, deactivate users
  "audit:view", // read the audit log
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  executive: ["revenue:view", "models:view", "inventory:view", "service:view", "data:export"],
  plant_manager: ["inventory:view", "service:view", "inventory:move", "data:export"],
  sales: ["models:view", "orders:view", "orders:record", "data:export"],
  admin: ["users:manage", "data:import", "audit:view"],
};

/** The signed-in user as the policy sees them, freshly read from the database. */
export type Actor = {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The plants assigned to the user (plant managers). */
  plantIds: readonly number[];
};

/**
 * Which plants' rows a user may see. `all` for company-wide roles; otherwise the
 * listed plants, and an empty list means nothing at all (deny by default).
 */
export type PlantScope = { kind: "all" } | { kind: "plants"; plantIds: readonly number[] };

export const NO_PLANTS: PlantScope = { kind: "plants", plantIds: [] };

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role]?.includes(permission) ?? false;
}

/** The plant scope of a user, for plant-scoped data (inventory, plant drill-downs). */
export function plantScopeOf(actor: Pick<Actor, "role" | "plantIds">): PlantScope {
  switch (actor.role) {
    case "executive":
    case "sales":
      return { kind: "all" };
    case "plant_manager":
      return { kind: "plants", plantIds: [...new Set(actor.plantIds)].sort((a, b) => a - b) };
    default:
      return NO_PLANTS;
  }
}

export function scopeIncludesPlant(scope: PlantScope, plantId: number): boolean {
  return scope.kind === "all" || scope.plantIds.includes(plantId);
}

/** Scope ∩ a requested plant: what a plant filter may show, never more than the scope. */
export function narrowScope(scope: PlantScope, plantId: number | undefined): PlantScope {
  if (plantId === undefined) return scope;
  return scopeIncludesPlant(scope, plantId) ? { kind: "plants", plantIds: [plantId] } : NO_PLANTS;
}
