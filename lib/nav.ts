import type { Permission } from "./access/policy";

/** The portal's dashboards, as the side navigation lists them. */
export const DASHBOARDS: ReadonlyArray<{ href: string; label: string; title: string; description: string; permission: Permission }> = [
  {
    href: "/executive",
    label: "Executive",
    title: "Executive overview",
    description: "Revenue to date vs last year, units built vs sold, prices vs MSRP, regions and channels.",
    permission: "revenue:view",
  },
  {
    href: "/revenue",
    label: "Revenue",
    title: "Monthly revenue",
    description: "Revenue from vehicle sales, month by month.",
    permission: "revenue:view",
  },
  {
    href: "/inventory",
    label: "Inventory",
    title: "Inventory value by plant",
    description: "What the parts on hand at each plant are worth.",
    permission: "inventory:view",
  },
  {
    href: "/models",
    label: "Models",
    title: "Revenue share by model",
    description: "Units sold and revenue for each vehicle model.",
    permission: "models:view",
  },
  {
    href: "/sales",
    label: "Sales",
    title: "Sales mix",
    description: "Model share and channel mix month by month, fleet vs retail.",
    permission: "models:view",
  },
  {
    href: "/service",
    label: "Service",
    title: "Service and warranty",
    description: "Service visits, warranty and repeat repairs per 1,000 vehicles.",
    permission: "service:view",
  },
  {
    href: "/admin/users",
    label: "Users",
    title: "Users",
    description: "Create accounts, set roles and plants, reset passwords.",
    permission: "users:manage",
  },
  {
    href: "/admin/import",
    label: "Import",
    title: "Import CSV",
    description: "Load warehouse data in the exchange format, all rows or none.",
    permission: "data:import",
  },
  {
    href: "/admin/audit",
    label: "Audit log",
    title: "Audit log",
    description: "Sign-ins, page views, exports and administrative changes.",
    permission: "audit:view",
  },
];

/** The entries of the navigation a user may open. */
export function navigationFor(can: (permission: Permission) => boolean) {
  return DASHBOARDS.filter((d) => can(d.permission));
}
