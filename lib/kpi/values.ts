/**
 * Conversions at the boundary between SQL results and typed rows. Money stays an
 * exact decimal string (as PostgreSQL printed it) until it is formatted.
 */
type DecimalLike = { toFixed(digits?: number): string };

function isDecimalLike(value: unknown): value is DecimalLike {
  return typeof value === "object" && value !== null && typeof (value as DecimalLike).toFixed === "function";
}

/** A numeric(…, 2) SQL value as an exact string with two decimals, e.g. "1234.50". */
export function money(value: unknown): string {
  if (value === null || value === undefined) return "0.00";
  if (typeof value === "string") return toTwoDecimals(value);
  if (isDecimalLike(value)) return value.toFixed(2);
  throw new TypeError(`Expected an exact numeric value, got ${typeof value}`);
}

/** A COUNT(*) (bigint) as a JavaScript number; counts here never exceed 2^53. */
export function count(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  throw new TypeError(`Expected an integer count, got ${String(value)}`);
}

function toTwoDecimals(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new TypeError(`Not a decimal number: "${text}"`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > 2 && /[^0]/.test(fraction.slice(2))) {
    throw new RangeError(`"${text}" has more than two decimals`);
  }
  return `${sign}${whole}.${fraction.slice(0, 2).padEnd(2, "0")}`;
}

/** Adds exact decimal strings (cents as bigint): for totals shown beside a KPI. */
export function sumMoney(values: readonly string[]): string {
  let cents = 0n;
  for (const value of values) {
    const [whole = "0", fraction = ""] = money(value).replace("-", "").split(".");
    const magnitude = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
    cents += value.startsWith("-") ? -magnitude : magnitude;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** Share of a part in a whole, both exact decimal strings; a float for display only. */
export function share(part: string, whole: string): number {
  const w = Number(whole);
  return w === 0 ? 0 : Number(part) / w;
}

/** A numeric that SQL rounded (rates, ratios), as exact text with `digits` decimals. */
export function decimal(value: unknown, digits: number): string {
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim();
  if (isDecimalLike(value)) return value.toFixed(digits);
  throw new TypeError(`Expected an exact numeric value, got ${String(value)}`);
}
