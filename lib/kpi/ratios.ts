/**
 * A numeric the SQL rounded to two decimals (a percentage to basis points, a price
 * to cents), as an exact string; "" when SQL gave NULL (a ratio over nothing).
 */
export function decimal2(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") throw new TypeError("Expected an exact numeric value, got a float");
  const text = typeof value === "string" ? value : typeof (value as { toFixed?: unknown })?.toFixed === "function" ? (value as { toFixed(d: number): string }).toFixed(2) : null;
  if (text === null) throw new TypeError(`Expected an exact numeric value, got ${typeof value}`);
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new TypeError(`Not a decimal number: "${text}"`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > 2 && /[^0]/.test(fraction.slice(2))) throw new RangeError(`"${text}" has more than two decimals`);
  return `${sign}${whole}.${fraction.slice(0, 2).padEnd(2, "0")}`;
}
