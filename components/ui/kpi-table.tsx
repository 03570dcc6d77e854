import Link from "next/link";
import type { KpiColumn } from "@/lib/kpi/types";
import type { Format } from "@/lib/format/number";
import { getFormat } from "@/lib/format/server";

/**
 * `decimal`: an exact decimal string shown as it is (a SQL-rounded percentage), aligned right.
 * `ratio`: an exact decimal string (0.1234) shown as a percentage; `data-value` keeps the exact text.
 */
export type TableColumn = KpiColumn | { key: string; label: string; kind: "percent" | "month" | "decimal" | "ratio" };

type Row = Record<string, string | number>;

/**
 * A KPI's rows as an accessible table. Every cell carries its exact value in
 * `data-value`, so what is shown can be checked against SQL to the cent.
 */
export async function KpiTable({
  kpi,
  caption,
  columns,
  rows,
  total,
  maxHeight,
  rowLinks,
}: {
  kpi: string;
  caption: string;
  columns: readonly TableColumn[];
  rows: readonly Row[];
  total?: Row;
  /** Long tables scroll inside their card, with the header kept in view. */
  maxHeight?: string;
  /** Where each row's first cell links to (drill-down), by row index. */
  rowLinks?: readonly (string | undefined)[];
}) {
  const fmt = await getFormat();
  const format = (c: TableColumn, value: string | number | undefined) => formatCell(fmt, c, value);
  return (
    <div className="overflow-auto" style={maxHeight ? { maxHeight } : undefined} tabIndex={maxHeight ? 0 : undefined} role={maxHeight ? "region" : undefined} aria-label={maxHeight ? caption : undefined}>
      <table className="min-w-full text-sm" data-testid="kpi-table" data-kpi={kpi}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-white">
          <tr className="border-b border-slate-200">
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={`px-3 py-2 font-medium text-slate-500 ${alignRight(c) ? "text-right" : "text-left"}`}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-row>
              {columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.key} scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap text-slate-800" data-column={c.key} data-value={row[c.key]}>
                    {rowLinks?.[i] ? (
                      <Link href={rowLinks[i]} className="text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                        {format(c, row[c.key])}
                      </Link>
                    ) : (
                      format(c, row[c.key])
                    )}
                  </th>
                ) : (
                  <td
                    key={c.key}
                    className={`tabular px-3 py-2 text-slate-700 ${alignRight(c) ? "text-right" : ""}`}
                    data-column={c.key}
                    data-value={row[c.key]}
                  >
                    {format(c, row[c.key])}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {total ? (
          <tfoot className="sticky bottom-0 bg-white">
            <tr className="border-t-2 border-slate-200 font-semibold" data-total>
              {columns.map((c, j) =>
                j === 0 ? (
                  <th key={c.key} scope="row" className="px-3 py-2 text-left text-slate-900">
                    Total
                  </th>
                ) : (
                  <td key={c.key} className={`tabular px-3 py-2 text-slate-900 ${alignRight(c) ? "text-right" : ""}`} data-column={c.key} data-value={total[c.key]}>
                    {total[c.key] === undefined ? "" : format(c, total[c.key])}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function alignRight(c: TableColumn) {
  return c.kind !== "text" && c.kind !== "month";
}

function formatCell(
  { formatCount, formatDecimal, formatMoney, formatMonth, formatPercent }: Format,
  c: TableColumn,
  value: string | number | undefined,
): string {
  if (value === undefined) return "";
  switch (c.kind) {
    case "money":
      return formatMoney(String(value));
    case "count":
      return formatCount(Number(value));
    case "percent":
    case "ratio":
      return formatPercent(Number(value));
    case "decimal":
      return formatDecimal(String(value));
    case "month":
      return formatMonth(String(value));
    default:
      return String(value);
  }
}
