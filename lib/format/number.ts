// Display formatting for one locale. Exact decimal strings are passed to Intl as
// strings, which formats them without a detour through binary floating point.
// Amounts are US dollars in every locale: the locale decides only the notation
// ("$1,234.56" in en-US, "1.234,56 $" in de-DE).
import { DEFAULT_LOCALE } from "./locale";
import { plotlySeparators } from "./separators";

type Formattable = Parameters<Intl.NumberFormat["format"]>[0];

/** What charts need to follow the locale: Plotly's `separators` and where "$" goes. */
export type ChartFormat = {
  /** Plotly's `layout.separators`: the decimal mark, then the thousands separator (".," in en, ",." in de). */
  separators: string;
  /** A dollar amount in a hover template: `usd("%{y:,.2f}")` → "$%{y:,.2f}" (en) or "%{y:,.2f} $" (de). */
  usd: (number: string) => string;
  /** A dollar amount rounded to whole dollars, as a chart label ("$58,213"). */
  usdWhole: (value: string) => string;
  /** A number of percent as SQL rounded it, for hover text: "12.34" → "12.34%" (en-US), "12,34 %" (de-DE). */
  percent: (value: string) => string;
  /** Axis tick prefix and suffix for dollar amounts. */
  usdAxis: { tickprefix: string; ticksuffix: string };
};

export type Format = {
  locale: string;
  formatMoney: (value: string) => string;
  formatMoneyCompact: (value: string) => string;
  formatCount: (value: number) => string;
  formatPercent: (fraction: number) => string;
  /** An exact decimal string with thousands separators and its own number of decimals ("1234.5" → "1,234.5"). */
  formatDecimal: (value: string) => string;
  /** A number of percent as an exact decimal string, as SQL rounded it: "12.34" → "12.34%" (en-US), "12,34 %" (de-DE). */
  formatPercentNumber: (value: string) => string;
  /** "2026-03" → "Mar 2026". */
  formatMonth: (monthYear: string) => string;
  /** "2026-11-15" → "Nov 15, 2026" (a calendar day: no time zone shift). */
  formatDay: (day: string) => string;
  /** "Nov 1 – 15, 2026", "Jan 1 – Nov 15, 2026", "Dec 31, 2025 – Jan 2, 2026". */
  formatDayRange: (from: string, to: string) => string;
  chart: ChartFormat;
};

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** The text before and after the number in a formatter's output ("$" and "" for USD in en-US, "" and " $" in de-DE). */
function affixes(format: Intl.NumberFormat, sample: number): { prefix: string; suffix: string } {
  const parts = format.formatToParts(sample);
  const first = parts.findIndex((p) => p.type === "integer");
  let last = parts.length - 1;
  while (last >= 0 && !["integer", "group", "decimal", "fraction"].includes(parts[last]!.type)) last--;
  const text = (from: number, to: number) => parts.slice(from, to).map((p) => p.value).join("");
  return { prefix: text(0, first), suffix: text(last + 1, parts.length) };
}

/** Where "$" goes in the locale's notation of US dollars. */
export function usdAffixes(locale: string): { prefix: string; suffix: string } {
  return affixes(new Intl.NumberFormat(locale, { style: "currency", currency: "USD" }), 1);
}

const cached = new Map<string, Format>();

/** The formatters of a locale (made once per locale; an unknown locale falls back to en-US). */
export function createFormat(requested: string = DEFAULT_LOCALE): Format {
  const hit = cached.get(requested);
  if (hit) return hit;
  let locale: string;
  try {
    locale = Intl.NumberFormat.supportedLocalesOf([requested])[0] ?? DEFAULT_LOCALE;
  } catch {
    locale = DEFAULT_LOCALE;
  }
  const currency = new Intl.NumberFormat(locale, { style: "currency", currency: "USD" });
  const wholeCurrency = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 0, minimumFractionDigits: 0 });
  const compactCurrency = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const month = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  const { prefix, suffix } = usdAffixes(locale);
  const { prefix: percentBefore, suffix: percentAfter } = affixes(percent, 0.5);

  const format: Format = {
    locale,
    formatMoney: (value) => currency.format(value as Formattable),
    formatMoneyCompact: (value) => compactCurrency.format(value as Formattable),
    formatCount: (value) => integer.format(value),
    formatPercent: (fraction) => percent.format(fraction),
    formatDecimal: (value) => {
      const digits = Math.min(/\.(\d+)$/.exec(value)?.[1]?.length ?? 0, 100);
      let f = decimals.get(digits);
      if (!f) decimals.set(digits, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
      return f.format(value as Formattable);
    },
    formatPercentNumber: (value) => `${percentBefore}${format.formatDecimal(value)}${percentAfter}`,
    formatMonth: (monthYear) => {
      const [year, m] = monthYear.split("-").map(Number);
      if (!year || !m) return monthYear;
      return month.format(new Date(Date.UTC(year, m - 1, 1)));
    },
    formatDay: (value) => day.format(utcDay(value)),
    formatDayRange: (from, to) => (from === to ? day.format(utcDay(from)) : day.formatRange(utcDay(from), utcDay(to))),
    chart: {
      separators: plotlySeparators(locale),
      usd: (number) => `${prefix}${number}${suffix}`,
      usdWhole: (value) => wholeCurrency.format(value as Formattable),
      usdAxis: { tickprefix: prefix, ticksuffix: suffix },
      percent: (value) => format.formatPercentNumber(value),
    },
  };
  if (cached.size < 64) cached.set(requested, format);
  return format;
}

// The en-US formatters, for code without a request (command-line tools, tests).
const EN_US = createFormat(DEFAULT_LOCALE);
export const { formatMoney, formatMoneyCompact, formatCount, formatPercent, formatDecimal, formatMonth } = EN_US;
