import { type Filters, hrefWithFilters } from "../filters";
import type { OrderListParams } from "../filters/drill";
import type { BreakdownExport } from "../kpi/model-breakdown";

// The addresses of the model drill-down's CSV exports. Each carries the page's
// filters and drill-down parameters, written as the page's own links write
// them, so that the download holds what the page shows.

/** `/api/export/models/<model>` (the model encoded once, as in the page's path). */
export function modelExportPath(model: string): string {
  return `/api/export/models/${encodeURIComponent(model)}`;
}

/**
 * Every order of the list the page shows: its filters, trim, month, sort and
 * direction (defaults left out); never the page position — the export starts at
 * the first order.
 */
export function modelOrdersExportHref(model: string, filters: Filters, selection: Omit<OrderListParams, "cursor"> & { cursor?: unknown }): string {
  return hrefWithFilters(`${modelExportPath(model)}/orders`, filters, {
    trim: selection.trim ?? undefined,
    month: selection.month ?? undefined,
    sort: selection.sort === "date" ? undefined : selection.sort,
    dir: selection.dir === "desc" ? undefined : selection.dir,
  });
}

/** One breakdown card of the model page (by trim, plant, region or month). */
export function modelBreakdownExportHref(model: string, dimension: BreakdownExport, filters: Filters): string {
  return hrefWithFilters(`${modelExportPath(model)}/breakdown/${dimension}`, filters);
}
