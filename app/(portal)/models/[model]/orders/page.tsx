import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { FilterErrors, PageFilterBar, UnappliedNote } from "@/components/filters/page-filters";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CsvLink, EmptyState, SectionError } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeletons";
import { requirePermission } from "@/lib/access/guard";
import { can, type PlantScope } from "@/lib/access/policy";
import { auditPageView } from "@/lib/audit/record";
import { loadModelOrderCount, loadModelOrders, modelIsKnown } from "@/lib/data/drill";
import { modelOrdersExportHref } from "@/lib/export/links";
import { type Filters, filtersKeyFor, hrefWithFilters } from "@/lib/filters";
import { SECTION_FILTERS } from "@/lib/filters/applies";
import { modelPath, type OrderListParams, type OrderSort, parseModelSegment, parseOrderListParams, SORT_LABELS } from "@/lib/filters/drill";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";
import { getFormat } from "@/lib/format/server";

export const metadata: Metadata = { title: "Model orders" };

const FIELDS = SECTION_FILTERS["model-orders"];

export default async function ModelOrdersPage({ params, searchParams }: { params: Promise<{ model: string }>; searchParams: Promise<SearchParams> }) {
  const { formatMonth } = await getFormat();
  const { model: raw } = await params;
  const actor = await requirePermission("orders:view", `/models/${raw}/orders`);
  const model = parseModelSegment(raw);
  if (model === null || !(await modelIsKnown(model))) notFound();
  const path = `${modelPath(model)}/orders`;
  await auditPageView(actor, path);
  const page = await readPageFilters(searchParams, path);
  const list = parseOrderListParams(page.params);
  const { scope } = actor;
  const { filters } = page;
  const selection = list.ok ? list.value : null;
  // Carried along when filters change; the cursor is not (new filters, first page).
  const keep: Record<string, string> = {};
  if (selection?.trim) keep.trim = selection.trim;
  if (selection?.month) keep.month = selection.month;
  if (selection && selection.sort !== "date") keep.sort = selection.sort;
  if (selection && selection.dir !== "desc") keep.dir = selection.dir;
  const narrowed = [selection?.trim ? `trim ${selection.trim}` : null, selection?.month ? formatMonth(selection.month) : null].filter(Boolean);
  const key = filtersKeyFor(filters, FIELDS);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: hrefWithFilters("/models", filters), label: "Models" },
          { href: hrefWithFilters(modelPath(model), filters), label: model },
          { label: "Orders" },
        ]}
      />
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {model} orders{narrowed.length > 0 ? `: ${narrowed.join(", ")}` : ""}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          Each sale of the {model} matching the filters, with its price against the list price (MSRP).
          {selection && narrowed.length > 0 ? (
            <>
              {" "}
              <Link href={hrefWithFilters(path, filters, { sort: keep.sort, dir: keep.dir })} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                Show every {model} order
              </Link>
            </>
          ) : null}
        </p>
      </div>
      <PageFilterBar page={page} scope={scope} path={path} keep={keep} />
      {page.ok && !list.ok ? (
        <FilterErrors errors={list.errors} clearHref={hrefWithFilters(path, filters)} title="This order list link is not valid" />
      ) : null}
      {page.ok && selection ? (
        <div className="space-y-4">
          <UnappliedNote filters={filters} fields={FIELDS} />
          <Suspense key={`list${key}${JSON.stringify(selection)}`} fallback={<TableSkeleton rows={12} />}>
            <OrderList scope={scope} model={model} filters={filters} selection={selection} path={path} canExport={can(actor, "data:export")} />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}

const ORDER_DESCRIPTIONS: Record<OrderSort, Record<"asc" | "desc", string>> = {
  date: { desc: "newest sale first", asc: "oldest sale first" },
  price: { desc: "highest price first", asc: "lowest price first" },
  discount: { desc: "largest discount off MSRP first", asc: "smallest discount off MSRP first" },
};

type ListProps = { scope: PlantScope; model: string; filters: Filters; selection: OrderListParams; path: string; canExport: boolean };

async function OrderList({ scope, model, filters, selection, path, canExport }: ListProps) {
  const { formatMoney, formatCount } = await getFormat();
  const [result, counted] = await Promise.all([loadModelOrders(scope, model, filters, selection), loadModelOrderCount(scope, model, filters, selection)]);
  if (!result.ok) return <SectionError title="Orders unavailable" message={result.message} />;
  const { rows, next, prev } = result.data;
  const base = { trim: selection.trim ?? undefined, month: selection.month ?? undefined };
  const sorted = { ...base, sort: selection.sort === "date" ? undefined : selection.sort, dir: selection.dir === "desc" ? undefined : selection.dir };
  const sortHref = (sort: OrderSort) => {
    // A click on the current column flips it; another column starts with its largest values.
    const dir = sort === selection.sort ? (selection.dir === "desc" ? "asc" : "desc") : "desc";
    return hrefWithFilters(path, filters, { ...base, sort: sort === "date" ? undefined : sort, dir: dir === "desc" ? undefined : dir });
  };
  const total = counted.ok ? counted.data : null;
  return (
    <Card
      title="Orders"
      description={`${total === null ? "" : `${formatCount(total)} orders · `}${ORDER_DESCRIPTIONS[selection.sort][selection.dir]}`}
      testId="orders-card"
      actions={canExport && rows.length > 0 ? <CsvLink href={modelOrdersExportHref(model, filters, selection)} /> : null}
    >
      {rows.length === 0 ? (
        <EmptyState title={selection.cursor ? "No more orders" : "No orders for these filters"}>
          {selection.cursor ? <Link href={hrefWithFilters(path, filters, sorted)}>Back to the first page</Link> : null}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-auto">
            <table className="min-w-full text-sm" data-testid="kpi-table" data-kpi="model-orders">
              <caption className="sr-only">
                Orders of the {model}, sorted by {SORT_LABELS[selection.sort].toLowerCase()}
              </caption>
              <thead className="bg-white">
                <tr className="border-b border-slate-200">
                  <Th>VIN</Th>
                  <SortTh sort="date" selection={selection} href={sortHref("date")}>
                    Sale date
                  </SortTh>
                  <Th>Trim</Th>
                  <Th>Plant</Th>
                  <Th>Region</Th>
                  <Th>Channel</Th>
                  <SortTh sort="price" selection={selection} href={sortHref("price")} right>
                    Price
                  </SortTh>
                  <Th right>MSRP</Th>
                  <SortTh sort="discount" selection={selection} href={sortHref("discount")} right>
                    Price vs MSRP
                  </SortTh>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.order_id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-row data-order-id={r.order_id}>
                    <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium whitespace-nowrap text-slate-800" data-column="vin" data-value={r.vin}>
                      {r.vin}
                    </th>
                    <Td column="sale_date" value={r.sale_date}>
                      {r.sale_date}
                    </Td>
                    <Td column="trim" value={r.trim}>
                      {r.trim}
                    </Td>
                    <Td column="plant_name" value={r.plant_name}>
                      {r.plant_name}
                    </Td>
                    <Td column="region" value={r.region}>
                      {r.region}
                    </Td>
                    <Td column="channel" value={r.channel}>
                      {r.channel}
                    </Td>
                    <Td column="sale_price" value={r.sale_price} right>
                      {formatMoney(r.sale_price)}
                    </Td>
                    <Td column="msrp" value={r.msrp} right>
                      {formatMoney(r.msrp)}
                    </Td>
                    <Td column="price_vs_msrp" value={r.price_vs_msrp} right>
                      <span className={r.price_vs_msrp.startsWith("-") ? "text-red-700" : "text-emerald-700"}>{formatMoney(r.price_vs_msrp)}</span>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
            <div className="flex gap-2">
              {prev ? (
                <>
                  <PageLink href={hrefWithFilters(path, filters, sorted)}>First page</PageLink>
                  <PageLink href={hrefWithFilters(path, filters, { ...sorted, before: prev })} rel="prev">
                    ← Previous
                  </PageLink>
                </>
              ) : null}
            </div>
            {next ? (
              <PageLink href={hrefWithFilters(path, filters, { ...sorted, after: next })} rel="next">
                Next →
              </PageLink>
            ) : (
              <span className="text-slate-500">Last page</span>
            )}
          </nav>
        </>
      )}
    </Card>
  );
}

function Th({ children, right = false }: { children: React.ReactNode; right?: boolean }) {
  return (
    <th scope="col" className={`px-3 py-2 font-medium whitespace-nowrap text-slate-500 ${right ? "text-right" : "text-left"}`}>
      {children}
    </th>
  );
}

function SortTh({ sort, selection, href, right = false, children }: { sort: OrderSort; selection: OrderListParams; href: string; right?: boolean; children: React.ReactNode }) {
  const active = selection.sort === sort;
  return (
    <th scope="col" aria-sort={active ? (selection.dir === "asc" ? "ascending" : "descending") : "none"} className={`px-3 py-2 font-medium whitespace-nowrap ${right ? "text-right" : "text-left"}`}>
      <Link href={href} className={`rounded underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600 ${active ? "text-slate-900" : "text-slate-500"}`} data-sort={sort}>
        {children}
        <span aria-hidden="true" className="ml-1 text-xs">
          {active ? (selection.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}

function Td({ column, value, right = false, children }: { column: string; value: string; right?: boolean; children: React.ReactNode }) {
  return (
    <td className={`tabular px-3 py-2 whitespace-nowrap text-slate-700 ${right ? "text-right" : ""}`} data-column={column} data-value={value}>
      {children}
    </td>
  );
}

function PageLink({ href, rel, children }: { href: string; rel?: string; children: React.ReactNode }) {
  return (
    <Link href={href} rel={rel} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600">
      {children}
    </Link>
  );
}
