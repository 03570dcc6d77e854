function Bar({ className = "" }: { className?: string }) {
  return <div className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

export function ChartSkeleton({ bare = false }: { bare?: boolean }) {
  const body = (
    <div className="flex h-[360px] items-end gap-2 px-2 pb-6" aria-hidden="true">
      {[40, 65, 50, 80, 60, 90, 70, 85, 55, 75, 95, 68].map((h, i) => (
        <div key={i} className="flex-1 animate-pulse rounded-t bg-slate-100" style={{ height: `${h}%` }} />
      ))}
    </div>
  );
  if (bare) return body;
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-busy="true" aria-label="Loading chart">
      <Bar className="mb-4 h-5 w-48" />
      {body}
    </section>
  );
}

export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-busy="true" aria-label="Loading table">
      <Bar className="mb-5 h-5 w-40" />
      <div className="space-y-3">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex gap-4">
            <Bar className="h-4 flex-1" />
            <Bar className="h-4 w-28" />
            <Bar className="h-4 w-32" />
          </div>
        ))}
      </div>
    </section>
  );
}

export function StatsSkeleton({ count = 3 }: { count?: number }) {
  return (
    <div className="grid gap-4 sm:grid-cols-3" aria-busy="true" aria-label="Loading figures">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <Bar className="h-3 w-24" />
          <Bar className="mt-3 h-7 w-32" />
        </div>
      ))}
    </div>
  );
}
