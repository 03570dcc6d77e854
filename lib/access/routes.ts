import type { Permission } from "./policy";

/**
 * Every route of the portal and what it takes to use it. The authorization
 * matrix test enumerates the app's pages, route handlers and server actions and
 * fails when one is missing here, then checks each against every role.
 *
 * - `public`: no session needed; `signed-in`: any active user;
 * - `plant`: the route shows one plant's data (`[plantId]` in the path): a user
 *   whose plant scope does not include it is refused like one without the permission.
 */
export type RouteRule = {
  /** The app path pattern, as the file system spells it (`/inventory/[plantId]`). */
  path: string;
  kind: "page" | "api" | "export" | "action";
  access: Permission | "public" | "signed-in";
  plant?: boolean;
  /** A permission needed besides `access`, checked by the handler itself (an export of what a view shows). */
  also?: Permission;
  /** For server actions: the exported function name, in `path`'s actions module. */
  action?: string;
};

export const ROUTES: readonly RouteRule[] = [
  { path: "/login", kind: "page", access: "public" },
  { path: "/api/auth/[...nextauth]", kind: "api", access: "public" },
  { path: "/", kind: "page", access: "signed-in" },
  { path: "/revenue", kind: "page", access: "revenue:view" },
  { path: "/inventory", kind: "page", access: "inventory:view" },
  { path: "/inventory/[plantId]", kind: "page", access: "inventory:view", plant: true },
  { path: "/models", kind: "page", access: "models:view" },
  { path: "/models/[model]", kind: "page", access: "models:view" },
  { path: "/models/[model]/orders", kind: "page", access: "orders:view" },
  { path: "/executive", kind: "page", access: "revenue:view" },
  { path: "/sales", kind: "page", access: "models:view" },
  { path: "/service", kind: "page", access: "service:view" },
  { path: "/api/export/[kpi]", kind: "export", access: "data:export" },
  { path: "/api/export/models/[model]/orders", kind: "export", access: "data:export", also: "orders:view" },
  { path: "/api/export/models/[model]/breakdown/[dimension]", kind: "export", access: "data:export", also: "models:view" },
  { path: "/admin/users", kind: "page", access: "users:manage" },
  { path: "/admin/users/new", kind: "page", access: "users:manage" },
  { path: "/admin/users/[userId]", kind: "page", access: "users:manage" },
  { path: "/admin/audit", kind: "page", access: "audit:view" },
  { path: "/admin/users", kind: "action", access: "users:manage", action: "createUser" },
  { path: "/admin/users", kind: "action", access: "users:manage", action: "updateUser" },
  { path: "/admin/users", kind: "action", access: "users:manage", action: "setUserActive" },
  { path: "/admin/users", kind: "action", access: "users:manage", action: "resetPassword" },
  { path: "/api/inventory/movements", kind: "api", access: "inventory:move" },
  { path: "/api/sales/orders", kind: "api", access: "orders:record" },
  { path: "/inventory/[plantId]", kind: "action", access: "inventory:move", plant: true, action: "receiveStock" },
  { path: "/inventory/[plantId]", kind: "action", access: "inventory:move", plant: true, action: "consumeStock" },
  { path: "/inventory/[plantId]", kind: "action", access: "inventory:move", plant: true, action: "transferStock" },
  { path: "/inventory/[plantId]", kind: "action", access: "inventory:move", plant: true, action: "adjustStock" },
  { path: "/admin/import", kind: "page", access: "data:import" },
  { path: "/admin/import", kind: "action", access: "data:import", action: "importCsv" },
];
