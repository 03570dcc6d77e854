import Link from "next/link";

/** The way back up a drill-down; the last item is the current page. */
export function Breadcrumbs({ items }: { items: ReadonlyArray<{ href?: string; label: string }> }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((item, i) => (
          <li key={i} className="flex items-center gap-1">
            {i > 0 ? <span aria-hidden="true">/</span> : null}
            {item.href && i < items.length - 1 ? (
              <Link href={item.href} className="rounded hover:text-slate-800 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                {item.label}
              </Link>
            ) : (
              <span aria-current="page" className="text-slate-700">
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
