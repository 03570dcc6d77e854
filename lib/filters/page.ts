import "server-only";
import { redirect } from "next/navigation";
import { businessTimeZone } from "../time";
import { canonicalQuery, type FilterError, type Filters, NO_FILTERS, parseFilters, todayIn, toSearchParams } from "./index";

export type SearchParams = Record<string, string | string[] | undefined>;

export type PageFilters =
  | { ok: true; filters: Filters; today: string; params: URLSearchParams }
  | { ok: false; filters: Filters; today: string; params: URLSearchParams; errors: FilterError[] };

/**
 * A dashboard page's filters from its URL. Valid filters written differently
 * from the canonical form (a no-script GET form's empty fields, another order)
 * are redirected to the canonical URL, so that the same filters always have the
 * same address. Invalid ones come back with their errors, for the page to show.
 */
export async function readPageFilters(searchParams: Promise<SearchParams>, path: string): Promise<PageFilters> {
  const params = toSearchParams(await searchParams);
  const today = todayIn(businessTimeZone());
  const result = parseFilters(params, today);
  if (!result.ok) return { ok: false, filters: NO_FILTERS, today, params, errors: result.errors };
  const canonical = canonicalQuery(params, result.filters);
  if (canonical !== params.toString()) redirect(canonical ? `${path}?${canonical}` : path);
  return { ok: true, filters: result.filters, today, params };
}
