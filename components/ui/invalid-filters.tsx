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
