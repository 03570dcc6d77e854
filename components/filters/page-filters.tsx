import Link from "next/link";
import { Suspense } from "react";
import type { PlantScope } from "@/lib/access/policy";
import { filterOptionsFor } from "@/lib/data/filter-options";
import { type FilterError, type FilterField, type Filters, unappliedFields } from "@/lib/filters";
import type { PageFilters } from "@/lib/filters/page";
import { getFormat } from "@/lib/format/server";
import { FilterBar } from "./filter-bar";

/**
 * The filter bar of a dashboard page, or — when the URL's filters are invalid —
 * the bar at its defaults under a message naming each bad parameter.
 */
export function PageFilterBar({ page, scope, path, keep }: { page: PageFilters; scope: PlantScope; path: string; keep?: Record<string, string> }) {
  return (
    <>
      {page.ok ? null : <FilterErrors errors={page.errors} clearHref={path} />}
      <Suspense fallback={<div className="mb-6 h-[92px] animate-pulse rounded-xl border border-slate-200 bg-white" aria-hidden="true" />}>
        <LoadedFilterBar filters={page.filters} today={page.today} scope={scope} keep={keep} />
      </Suspense>
    </>
  );
}

async function LoadedFilterBar({ filters, today, scope, keep }: { filters: Filters; today: string; scope: PlantScope; keep?: Record<string, string> }) {
  const [options, { locale }] = await Promise.all([filterOptionsFor(scope), getFormat()]);
  return <FilterBar filters={filters} today={today} options={options} locale={locale} keep={keep} />;
}

/** Bad URL parameters, each named with what is wrong; the page shows no figures for them. */
export function FilterErrors({ errors, clearHref, title = "These filters cannot be applied" }: { errors: FilterError[]; clearHref: string; title?: string }) {
  return (
    <section role="alert" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-5 text-sm text-amber-900" data-testid="filter-errors">
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1">The link holds parameters this page does not understand, so no figures are shown for it:</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {errors.map((e, i) => (
          <li key={i} data-param={e.param}>
            <code className="rounded bg-amber-100 px-1 font-mono">{e.param}</code> {e.message}
          </li>
        ))}
      </ul>
      <p className="mt-3">
        <Link href={clearHref} className="font-medium text-amber-950 underline underline-offset-2 hover:no-underline">
          Clear the filters
        </Link>{" "}
        or pick others above.
      </p>
    </section>
  );
}

/** Names the set filters a section does not apply ("Not filtered by date range, model"), or nothing. */
export function UnappliedNote({ filters, fields, reason }: { filters: Filters; fields: readonly FilterField[]; reason?: string }) {
  const ignored = unappliedFields(filters, fields);
  if (ignored.length === 0) return null;
  return (
    <p className="mb-3 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600" data-testid="unapplied-filters">
      Not filtered by {joinWords(ignored)}
      {reason ? `: ${reason}` : "."}
    </p>
  );
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
