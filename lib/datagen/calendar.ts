// Dates as whole day numbers counted from 2021-01-01 (day 0), so that the
// generators never touch time zones or `Date` arithmetic in their hot loops.

export const EPOCH_MS = Date.UTC(2021, 0, 1);
const DAY_MS = 86_400_000;

/** First day of production. */
export const FIRST_DAY = 0;
/** The data ends on 2026-11-30 (inclusive): nothing is built, sold or serviced later. */
export const LAST_DAY = dayOf(2026, 11, 30);
export const DAY_COUNT = LAST_DAY + 1;

/** Day number of a calendar date (month 1–12). */
export function dayOf(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH_MS) / DAY_MS);
}

// ISO strings for every day from a year before the epoch to a year after the
// end, built once: formatting a date is then an array look-up.
const TABLE_START = -366;
const TABLE_END = LAST_DAY + 366;
const ISO: string[] = [];
const YEAR = new Int16Array(TABLE_END - TABLE_START + 1);
const MONTH = new Int8Array(TABLE_END - TABLE_START + 1);
const WEEKDAY = new Int8Array(TABLE_END - TABLE_START + 1);
for (let d = TABLE_START; d <= TABLE_END; d++) {
  const date = new Date(EPOCH_MS + d * DAY_MS);
  ISO.push(date.toISOString().slice(0, 10));
  YEAR[d - TABLE_START] = date.getUTCFullYear();
  MONTH[d - TABLE_START] = date.getUTCMonth() + 1;
  WEEKDAY[d - TABLE_START] = date.getUTCDay();
}

function checkDay(d: number): number {
  if (!(d >= TABLE_START && d <= TABLE_END) || !Number.isInteger(d)) {
    throw new RangeError(`day ${d} is outside the calendar`);
  }
  return d - TABLE_START;
}

/** `YYYY-MM-DD`. */
export function isoDate(d: number): string {
  return ISO[checkDay(d)] as string;
}

export function yearOf(d: number): number {
  return YEAR[checkDay(d)] as number;
}

/** 1–12. */
export function monthOf(d: number): number {
  return MONTH[checkDay(d)] as number;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: number): number {
  return WEEKDAY[checkDay(d)] as number;
}

/** Months since January 2021 (0-based), for per-month tables. */
export function monthIndexOf(d: number): number {
  return (yearOf(d) - 2021) * 12 + monthOf(d) - 1;
}

export const MONTH_COUNT = monthIndexOf(LAST_DAY) + 1;

/** A `timestamptz` literal in UTC: `YYYY-MM-DD HH:MM:SS+00`. */
export function isoTimestamp(d: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${isoDate(d)} ${pad2(h)}:${pad2(m)}:${pad2(s)}+00`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
