import type { Filters } from "../filters";

/**
 * Calendar arithmetic for the to-date KPIs, on YYYY-MM-DD strings (calendar days,
 * no time zone: "today" itself comes from the business time zone, lib/time.ts).
 */
export type DayRange = { from: string; to: string };
export type ToDatePeriod = { current: DayRange; lastYear: DayRange };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] {
  const match = DAY.exec(day);
  const d = match ? new Date(`${day}T00:00:00Z`) : null;
  if (!match || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`"${day}" is not a calendar date written YYYY-MM-DD`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The day a year before `day`, for "same period last year": the same month and
 * day; when `day` is the last day of its month, the last day of that month a year
 * earlier. So 2024-02-29 → 2023-02-28, and 2025-02-28 (a complete February)
 * → 2024-02-29: a full February is compared with a full February.
 */
export function sameDayLastYear(day: string): string {
  const [y, m, d] = parts(day);
  const lastDay = daysInMonth(y - 1, m);
  return iso(y - 1, m, d === daysInMonth(y, m) ? lastDay : Math.min(d, lastDay));
}

/** Month-to-date and year-to-date ranges up to `asOf` (inclusive), and the same ranges a year earlier. */
export function toDatePeriods(asOf: string): { monthToDate: ToDatePeriod; yearToDate: ToDatePeriod } {
  const [y, m] = parts(asOf);
  const lastYearTo = sameDayLastYear(asOf);
  return {
    monthToDate: { current: { from: iso(y, m, 1), to: asOf }, lastYear: { from: iso(y - 1, m, 1), to: lastYearTo } },
    yearToDate: { current: { from: iso(y, 1, 1), to: asOf }, lastYear: { from: iso(y - 1, 1, 1), to: lastYearTo } },
  };
}

/**
 * The day the to-date figures count up to: today, or the end of the page's date
 * range when it ends earlier (a range ending 2026-06-30 shows June and the first
 * half year as of that day). The start of the range does not apply to them.
 */
export function asOfDay(filters: Pick<Filters, "to">, today: string): string {
  return filters.to !== null && filters.to < today ? filters.to : today;
}
