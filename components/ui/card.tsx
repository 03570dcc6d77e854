import { type Filters, filtersToSearchParams } from "@/lib/filters";
export function Card({
  title,
  description,
  children,
  testId,
  actions,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
  testId?: string;
  /** Controls shown at the card's top right (downloads). */
  actions?: React.ReactNode;
}) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-base font-semibold text-slate-900">{title}</h2>
          {description ? <p className="mt-0.5 text-sm text-slate-500">{description}</p> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description }: { title: string; description: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 text-sm text-slate-500">{description}</p>
    </div>
  );
}

export function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={testId}>
      <div className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</div>
      <div className="tabular mt-2 text-2xl font-semibold text-slate-900">{value}</div>
      {hint ? <div className="mt-1 text-xs text-slate-500">{hint}</div> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center" data-testid="empty-state">
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function SectionError({ title, message }: { title: string; message: string }) {
  return (
    <section role="alert" className="rounded-xl border border-red-200 bg-red-50 p-5 text-sm text-red-800" data-testid="section-error">
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1">{message}</p>
    </section>
  );
}

/**
 * A CSV download of a KPI, from the same query, scope and filters as the page.
 * `filters` are the section's filters; the export applies the same ones.
 */
export function CsvDownload({ kpi, filters }: { kpi: string; filters?: Filters }) {
  const search = filters ? filtersToSearchParams(filters).toString() : "";
  return <CsvLink href={`/api/export/${kpi}${search ? `?${search}` : ""}`} />;
}

/** A CSV download from an export address that carries everything itself (the drill-down's, lib/export/links.ts). */
export function CsvLink({ href, testId }: { href: string; testId?: string }) {
  return (
    <a
      href={href}
      download
      data-testid={testId}
      className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
    >
      Download CSV
    </a>
  );
}
