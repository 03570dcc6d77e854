import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "@/lib/filters";
import { rollupCovers, splitRange } from "@/lib/kpi/sales-source";

// How a date filter is answered from the monthly and daily rollups.
describe("splitting a date range over the monthly and daily rollups", () => {
  it("no range: every month from the monthly rollup, no days", () => {
    expect(splitRange(null, null)).toEqual({ months: { from: null, until: null }, days: [] });
  });

  it("whole months only: no daily rows", () => {
    expect(splitRange("2024-01-01", "2024-12-31")).toEqual({ months: { from: "2024-01-01", until: "2025-01-01" }, days: [] });
    expect(splitRange("2024-02-01", "2024-02-29")).toEqual({ months: { from: "2024-02-01", until: "2024-03-01" }, days: [] });
  });

  it("partial first and last month: their days from the daily rollup", () => {
    expect(splitRange("2024-03-15", "2025-02-10")).toEqual({
      months: { from: "2024-04-01", until: "2025-02-01" },
      days: [
        { from: "2024-03-15", to: "2024-03-31" },
        { from: "2025-02-01", to: "2025-02-10" },
      ],
    });
  });

  it("open ends", () => {
    expect(splitRange("2025-05-17", null)).toEqual({ months: { from: "2025-06-01", until: null }, days: [{ from: "2025-05-17", to: "2025-05-31" }] });
    expect(splitRange(null, "2023-08-09")).toEqual({ months: { from: null, until: "2023-08-01" }, days: [{ from: "2023-08-01", to: "2023-08-09" }] });
    expect(splitRange(null, "2023-08-31")).toEqual({ months: { from: null, until: "2023-09-01" }, days: [] });
  });

  it("no whole month inside: all days", () => {
    expect(splitRange("2024-05-05", "2024-05-20")).toEqual({ months: undefined, days: [{ from: "2024-05-05", to: "2024-05-20" }] });
    expect(splitRange("2025-06-30", "2025-07-01")).toEqual({ months: undefined, days: [{ from: "2025-06-30", to: "2025-07-01" }] });
    expect(splitRange("2024-02-29", "2024-02-29")).toEqual({ months: undefined, days: [{ from: "2024-02-29", to: "2024-02-29" }] });
  });

  it("a reversed range selects nothing", () => {
    expect(splitRange("2024-05-20", "2024-05-05")).toEqual({ months: undefined, days: [] });
  });

  it("the rollups cover every filter of the page filters", () => {
    expect(rollupCovers(NO_FILTERS)).toBe(true);
    expect(rollupCovers({ ...NO_FILTERS, from: "2024-01-01", plantIds: [1], models: ["Aero"], regions: ["Europe"], channels: ["fleet"] })).toBe(true);
    // A filter on something the rollups do not carry sends the query to the raw tables.
    expect(rollupCovers({ ...NO_FILTERS, segments: ["fleet"] } as never)).toBe(false);
    expect(rollupCovers({ ...NO_FILTERS, segments: [] } as never)).toBe(true);
  });
});
