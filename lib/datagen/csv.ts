// CSV encoding for COPY ... WITH (FORMAT csv): RFC 4180 quoting, money as
// integer cents rendered with exactly two decimals.

const NEEDS_QUOTES = /[",\r\n]/;

/** A text field, quoted only when it has to be. */
export function csvText(value: string): string {
  if (!NEEDS_QUOTES.test(value)) {
    // An empty unquoted field means NULL in PostgreSQL's CSV format.
    return value === "" ? '""' : value;
  }
  return `"${value.replace(/"/g, '""')}"`;
}

/** Integer cents as `1234.56`. Negative amounts are not used by the generators. */
export function centsToText(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`invalid cents ${cents}`);
  const units = Math.floor(cents / 100);
  const rest = cents - units * 100;
  return rest < 10 ? `${units}.0${rest}` : `${units}.${rest}`;
}

/** `price × basisPoints / 10000`, rounded half up, in integer arithmetic. */
export function applyBasisPoints(cents: number, basisPoints: number): number {
  // Both factors are integers and their product stays far below 2^53, so the
  // product is exact; the division is then rounded once.
  const product = cents * basisPoints;
  if (!Number.isSafeInteger(product)) throw new RangeError("amount too large");
  const whole = Math.floor(product / 10_000);
  const remainder = product - whole * 10_000;
  return remainder * 2 >= 10_000 ? whole + 1 : whole;
}
