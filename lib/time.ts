/**
 * The business time zone: month buckets of timestamps and "today" for the date
 * presets are taken in it. `BUSINESS_TIME_ZONE` (an IANA name), default UTC.
 * Dates without a time (sale_date, manufacture_date, service_date) are calendar
 * days already and are bucketed as they are.
 */
export function businessTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const zone = env.BUSINESS_TIME_ZONE?.trim() || "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    throw new Error(`BUSINESS_TIME_ZONE "${zone}" is not a time zone name (for example Europe/Berlin or America/Los_Angeles)`);
  }
  return zone;
}
