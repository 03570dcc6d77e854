import { describe, expect, it } from "vitest";
import { can, narrowScope, NO_PLANTS, PERMISSIONS, plantScopeOf, ROLE_PERMISSIONS, scopeIncludesPlant, type Permission } from "@/lib/access/policy";
import { ROLES, type Role } from "@/lib/auth/roles";

// The whole role × permission matrix, written out: a change to the policy must change this table.
const EXPECTED: Record<Role, Permission[]> = {
  executive: ["revenue:view", "inventory:view", "models:view", "service:view", "data:export"],
  plant_manager: ["inventory:view", "service:view", "inventory:move", "data:export"],
  sales: ["models:view", "orders:view", "orders:record", "data:export"],
  admin: ["data:import", "users:manage", "audit:view"],
};

describe("role permissions", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can({ role }, permission)).toBe(allowed);
      });
    }
  }
  it("grants nothing to an unknown role", () => {
    expect(can({ role: "superuser" as Role }, "revenue:view")).toBe(false);
  });
  it("lists only known permissions", () => {
    for (const list of Object.values(ROLE_PERMISSIONS)) for (const p of list) expect(PERMISSIONS).toContain(p);
  });
});

describe("plant scope", () => {
  it("is company-wide for executives and sales, the assigned plants for plant managers, nothing for admins", () => {
    expect(plantScopeOf({ role: "executive", plantIds: [] })).toEqual({ kind: "all" });
    expect(plantScopeOf({ role: "sales", plantIds: [3] })).toEqual({ kind: "all" });
    expect(plantScopeOf({ role: "plant_manager", plantIds: [3, 1, 3] })).toEqual({ kind: "plants", plantIds: [1, 3] });
    expect(plantScopeOf({ role: "plant_manager", plantIds: [] })).toEqual(NO_PLANTS);
    expect(plantScopeOf({ role: "admin", plantIds: [1] })).toEqual(NO_PLANTS);
  });
  it("narrows to a requested plant only inside the scope", () => {
    const own = { kind: "plants", plantIds: [1, 3] } as const;
    expect(scopeIncludesPlant(own, 3)).toBe(true);
    expect(scopeIncludesPlant(own, 2)).toBe(false);
    expect(narrowScope(own, 3)).toEqual({ kind: "plants", plantIds: [3] });
    expect(narrowScope(own, 2)).toEqual(NO_PLANTS);
    expect(narrowScope({ kind: "all" }, 2)).toEqual({ kind: "plants", plantIds: [2] });
    expect(narrowScope(own, undefined)).toBe(own);
  });
});
