import fs from "node:fs";
import path from "node:path";

/** The three reference KPI queries of DATA_CONTRACT.md, verbatim, in order. */
export function referenceQueries(): { monthlyRevenue: string; inventoryValueByPlant: string; revenueByModel: string } {
  const text = fs.readFileSync(path.join(import.meta.dirname, "..", "reference", "kpi-reference.sql"), "utf8");
  const statements = text
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);
  if (statements.length !== 3) throw new Error(`Expected 3 reference queries, found ${statements.length}`);
  const [monthlyRevenue, inventoryValueByPlant, revenueByModel] = statements as [string, string, string];
  return { monthlyRevenue, inventoryValueByPlant, revenueByModel };
}

/** A value as psql prints it: numeric and bigint as their exact text. */
export function asText(value: unknown): string {
  if (typeof value === "bigint" || typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  throw new TypeError(`unexpected ${typeof value}`);
}
