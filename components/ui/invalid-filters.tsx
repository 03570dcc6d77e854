import Link from "next/link";
import type { FilterError } from "@/lib/filters";

/** What was wrong with the filters in the URL, parameter by parameter, and a way out. */
export function InvalidFilters({ errors, resetHref }: { errors: readonly FilterError[]; resetHref: string }) {
  return (
    <section role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-sm text-amber-900" data-testid="invalid-filters">
      <h2 className="font-semibold">The filters in this address are not valid</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {errors.map((e, i) => (
          <li key={i}>
            <code className="rounded bg-amber-100 px-1">{e.param}</code> {e.message}
          </li>
        ))}
      </ul>
      <p className="mt-3">
        <Link href={resetHref} className="font-medium underline underline-offset-2">
          Show the page without filters
        </Link>
      </p>
    </section>
  );
}

/** A short note naming the set filters a section cannot apply (e.g. a date range on current stock). */
export function NotFilteredNote({ names }: { names: readonly string[] }) {
  if (names.length === 0) return null;
  return <p className="mb-3 text-xs text-slate-500" data-testid="unapplied-filters">Not filtered by {names.join(" or ")}: not applicable here.</p>;
}
