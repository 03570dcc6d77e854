// The eight warehouse tables, in load order (referenced tables first). Kept free
// of the generator, so that browser code (the import form) can use it too.

export type TableName =
  | "plants"
  | "suppliers"
  | "parts"
  | "inventory"
  | "vehicles"
  | "customers"
  | "salesorders"
  | "servicerecords";

/** Load order: referenced tables first. */
export const TABLE_NAMES: readonly TableName[] = [
  "plants",
  "suppliers",
  "parts",
  "inventory",
  "vehicles",
  "customers",
  "salesorders",
  "servicerecords",
];
