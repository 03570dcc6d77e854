import { describe, expect, it } from "vitest";
import { modelBreakdownExportHref, modelOrdersExportHref } from "@/lib/export/links";
import { NO_FILTERS, parseFilters } from "@/lib/filters";
import { parseModelSegment, parseOrderListParams } from "@/lib/filters/drill";

const TODAY = "2026-06-15";
const filters = { ...NO_FILTERS, range: "custom" as const, from: "2025-01-01", to: "2025-06-30", plantIds: [1, 3], regions: ["Europe", "North America"], channels: ["fleet" as const] };

function parse(href: string) {
  const url = new URL(href, "http://x");
  return { url, filters: parseFilters(url.searchParams, TODAY), list: parseOrderListParams(url.searchParams) };
}

describe("the drill-down's export links carry the page's filters and selection", () => {
  it("orders: filters, trim, month, sort and direction parse back to the same values; never a page position", () => {
    const selection = { trim: "Long Range, AWD", month: "2025-03", sort: "price" as const, dir: "asc" as const, cursor: { direction: "after" as const, value: "50000.00", orderId: "12" } };
    const href = modelOrdersExportHref("Aero", filters, selection);
    const { url, filters: f, list } = parse(href);
    expect(url.pathname).toBe("/api/export/models/Aero/orders");
    expect(f).toEqual({ ok: true, filters });
    expect(list).toEqual({ ok: true, value: { trim: "Long Range, AWD", month: "2025-03", sort: "price", dir: "asc", cursor: null } });
    expect(url.searchParams.has("after")).toBe(false);
  });

  it("orders: the defaults (date, newest first, no trim or month) are left out", () => {
    expect(modelOrdersExportHref("Aero", NO_FILTERS, { trim: null, month: null, sort: "date", dir: "desc" })).toBe("/api/export/models/Aero/orders");
  });

  it("a model name with spaces, slashes or non-ASCII letters is encoded once and read back", () => {
    for (const model of ["Aero Sport", "Vélo/2", "Nimbus & Co", "100%"]) {
      const { url } = parse(modelOrdersExportHref(model, NO_FILTERS, { trim: null, month: null, sort: "date", dir: "desc" }));
      const segment = url.pathname.split("/")[4]!;
      expect(parseModelSegment(segment), model).toBe(model);
    }
  });

  it("breakdowns: one address per card, with the filters", () => {
    for (const dimension of ["trim", "plant", "region", "month"] as const) {
      const { url, filters: f } = parse(modelBreakdownExportHref("Aero", dimension, filters));
      expect(url.pathname).toBe(`/api/export/models/Aero/breakdown/${dimension}`);
      expect(f).toEqual({ ok: true, filters });
    }
  });
});
