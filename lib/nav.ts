/** The portal's dashboards, as the side navigation lists them. */
export const DASHBOARDS = [
  {
    href: "/revenue",
    label: "Revenue",
    title: "Monthly revenue",
    description: "Revenue from vehicle sales, month by month.",
  },
  {
    href: "/inventory",
    label: "Inventory",
    title: "Inventory value by plant",
    description: "What the parts on hand at each plant are worth.",
  },
  {
    href: "/models",
    label: "Models",
    title: "Revenue share by model",
    description: "Units sold and revenue for each vehicle model.",
  },
] as const;
