import { FILTER_FIELDS, type FilterField } from "./index";

/**
 * Which page filters each dashboard section applies, by the KPI behind it. A
 * section's <Suspense> is keyed by these fields only, and the page names the set
 * filters a section ignores. Sales KPIs have a sale date, the vehicle's plant and
 * model, the customer's region and the channel; stock has a plant only.
 */
export const SECTION_FILTERS = {
  "monthly-revenue": FILTER_FIELDS,
  "revenue-by-model": FILTER_FIELDS,
  "inventory-value-by-plant": ["plant"],
  "model-breakdown": FILTER_FIELDS,
  "model-orders": FILTER_FIELDS,
} as const satisfies Record<string, readonly FilterField[]>;
