import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Card, EmptyState, PageHeader, SectionError } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeletons";
import { requirePermission } from "@/lib/access/guard";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { loadSection } from "@/lib/data/load";
import { loadAuditPage } from "@/lib/users";
import { parseAuditQuery, type AuditQuery } from "@/lib/users/schemas";
import { When } from "../admin-ui";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await requirePermission("audit:view", "/admin/audit");
  const query = parseAuditQuery(await searchParams, AUDIT_ACTIONS);
  return (
    <>
      <PageHeader title="Audit log" description="Sign-ins, page views, exports, imports and administrative changes, newest first. Times are in UTC." />
      {query.problems.length > 0 ? (
        <div role="alert" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="audit-query-problem">
          {query.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      <form method="get" action="/admin/audit" className="mb-6 flex flex-wrap items-end gap-3" role="search" aria-label="Filter the audit log">
        <div>
          <label htmlFor="action" className="block text-sm font-medium text-slate-700">
            Action
          </label>
          <select
            id="action"
            name="action"
            defaultValue={query.action ?? ""}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none"
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >
          Filter
        </button>
      </form>
      <Suspense key={`${query.action ?? ""}:${query.before ?? ""}`} fallback={<TableSkeleton rows={10} />}>
        <AuditTable query={query} />
      </Suspense>
    </>
  );
}

function pageHref(action: string | undefined, before?: string): string {
  const params = new URLSearchParams();
  if (action) params.set("action", action);
  if (before) params.set("before", before);
  const qs = params.toString();
  return qs ? `/admin/audit?${qs}` : "/admin/audit";
}

const DETAILS_SHOWN = 300;

async function AuditTable({ query }: { query: AuditQuery }) {
  const result = await loadSection("audit log", () => loadAuditPage({ before: query.before, action: query.action }));
  if (!result.ok) return <SectionError title="Audit log unavailable" message={result.message} />;
  const { entries, nextBefore } = result.data;
  const paged = query.before !== undefined;
  return (
    <Card
      title={query.action ? `Entries for ${query.action}` : "All entries"}
      description={paged ? "Older entries." : "The most recent entries."}
      testId="audit-card"
    >
      {entries.length === 0 ? (
        <EmptyState title={paged ? "No older entries" : "Nothing recorded yet"}>
          {query.action ? "No entry has this action." : "Entries appear here as people use the portal."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="audit-table">
            <caption className="sr-only">Audit log entries, newest first</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">When</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Who</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Action</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Target</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">IP</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-b border-slate-100 align-top last:border-0" data-audit-id={entry.id} data-action={entry.action}>
                  <td className="px-3 py-2 text-slate-600">
                    <When at={entry.at} />
                  </td>
                  <td className="px-3 py-2 text-slate-700">
                    {entry.userId !== null ? (
                      <Link href={`/admin/users/${entry.userId}`} className="text-brand-700 hover:underline">
                        {entry.userEmail ?? `user #${entry.userId}`}
                      </Link>
                    ) : (
                      (entry.userEmail ?? <span className="text-slate-400">—</span>)
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{entry.action}</code>
                  </td>
                  <td className="max-w-[16rem] px-3 py-2 break-words text-slate-700">{entry.target ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-500">{entry.ip ?? "—"}</td>
                  <td className="max-w-[24rem] px-3 py-2">
                    {entry.details ? (
                      <code className="block text-xs break-all text-slate-600" title={entry.details.length > DETAILS_SHOWN ? entry.details : undefined}>
                        {entry.details.length > DETAILS_SHOWN ? `${entry.details.slice(0, DETAILS_SHOWN)}…` : entry.details}
                      </code>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Audit log pages" className="mt-4 flex justify-between gap-4 text-sm">
        {paged ? (
          <Link href={pageHref(query.action)} className="font-medium text-brand-700 hover:underline">
            ← Newest entries
          </Link>
        ) : (
          <span />
        )}
        {nextBefore ? (
          <Link href={pageHref(query.action, nextBefore)} className="font-medium text-brand-700 hover:underline" data-testid="audit-older">
            Older entries →
          </Link>
        ) : null}
      </nav>
    </Card>
  );
}
