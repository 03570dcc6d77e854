import "server-only";
import { type FilterResult, parseFilters, todayIn } from "../filters";
import { businessTimeZone } from "../time";

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A dashboard's filters from its URL, validated as everywhere else, with today's
 * date in the business time zone (the presets and the to-date figures count from it).
 */
export async function readPageFilters(searchParams: PageSearchParams): Promise<{ today: string; result: FilterResult }> {
  const today = todayIn(businessTimeZone());
  return { today, result: parseFilters(await searchParams, today) };
}
