const LOCALE = "en-US";

/** "2026-11-15" → "Nov 15, 2026" (a calendar day: no time zone shift). */
export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(LOCALE, { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** "Nov 1 – 15, 2026", "Jan 1 – Nov 15, 2026", "Dec 31, 2025 – Jan 2, 2026". */
export function formatDayRange(from: string, to: string): string {
  if (from === to) return formatDay(from);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = sameYear && from.slice(5, 7) === to.slice(5, 7);
  const fromText = new Date(`${from}T00:00:00Z`).toLocaleDateString(LOCALE, {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
  const toText = sameMonth ? `${Number(to.slice(8, 10))}, ${to.slice(0, 4)}` : formatDay(to);
  return `${fromText} – ${toText}`;
}
