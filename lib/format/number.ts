// Display formatting. Exact decimal strings are passed to Intl as strings, which
// formats them without a detour through binary floating point.
const LOCALE = "en-US";

const currency = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD" });
const compactCurrency = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

type Formattable = Parameters<Intl.NumberFormat["format"]>[0];

export function formatMoney(value: string): string {
  return currency.format(value as Formattable);
}

export function formatMoneyCompact(value: string): string {
  return compactCurrency.format(value as Formattable);
}

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

/** An exact decimal string with thousands separators and its own number of decimals ("1234.5" → "1,234.5"). */
export function formatDecimal(value: string): string {
  const digits = /\.(\d+)$/.exec(value)?.[1]?.length ?? 0;
  return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value as Formattable);
}

/** "2026-03" → "Mar 2026". */
export function formatMonth(monthYear: string): string {
  const [year, month] = monthYear.split("-").map(Number);
  if (!year || !month) return monthYear;
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString(LOCALE, {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}
