import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "@/lib/filters";
import { asOfDay, sameDayLastYear, toDatePeriods } from "@/lib/kpi/periods";
import { decimal2 } from "@/lib/kpi/ratios";

describe("same day last year", () => {
  it("is the same month and day in an ordinary case", () => {
    expect(sameDayLastYear("2026-11-15")).toBe("2025-11-15");
    expect(sameDayLastYear("2026-01-01")).toBe("2025-01-01");
  });
  it("maps Feb 29 to Feb 28, and a complete February to a complete February", () => {
    expect(sameDayLastYear("2024-02-29")).toBe("2023-02-28");
    expect(sameDayLastYear("2025-02-28")).toBe("2024-02-29");
    expect(sameDayLastYear("2025-02-27")).toBe("2024-02-27");
    expect(sameDayLastYear("2028-02-28")).toBe("2027-02-28"); // not the last day of a leap February
  });
  it("keeps month ends on month ends", () => {
    expect(sameDayLastYear("2026-12-31")).toBe("2025-12-31");
    expect(sameDayLastYear("2026-04-30")).toBe("2025-04-30");
  });
  it("refuses what is not a calendar date", () => {
    expect(() => sameDayLastYear("2026-02-30")).toThrow(/not a calendar date/);
    expect(() => sameDayLastYear("2026-1-5")).toThrow(RangeError);
  });
});

describe("month-to-date and year-to-date periods", () => {
  it("run from the first of the month and of the year, against the same days a year earlier", () => {
    expect(toDatePeriods("2026-11-15")).toEqual({
      monthToDate: { current: { from: "2026-11-01", to: "2026-11-15" }, lastYear: { from: "2025-11-01", to: "2025-11-15" } },
      yearToDate: { current: { from: "2026-01-01", to: "2026-11-15" }, lastYear: { from: "2025-01-01", to: "2025-11-15" } },
    });
  });
  it("on the first of January are one day long", () => {
    const p = toDatePeriods("2026-01-01");
    expect(p.monthToDate.current).toEqual({ from: "2026-01-01", to: "2026-01-01" });
    expect(p.yearToDate.lastYear).toEqual({ from: "2025-01-01", to: "2025-01-01" });
  });
  it("around Feb 29", () => {
    expect(toDatePeriods("2024-02-29").yearToDate.lastYear).toEqual({ from: "2023-01-01", to: "2023-02-28" });
    expect(toDatePeriods("2025-02-28").monthToDate.lastYear).toEqual({ from: "2024-02-01", to: "2024-02-29" });
  });
});

describe("the as-of day", () => {
  it("is today, or the end of the date range when it ends earlier", () => {
    expect(asOfDay(NO_FILTERS, "2026-12-01")).toBe("2026-12-01");
    expect(asOfDay({ to: "2026-06-30" }, "2026-12-01")).toBe("2026-06-30");
    expect(asOfDay({ to: "2027-01-31" }, "2026-12-01")).toBe("2026-12-01");
  });
});

describe("decimal2", () => {
  it("keeps SQL-rounded ratios exact, NULL as empty", () => {
    expect(decimal2("4.37")).toBe("4.37");
    expect(decimal2("-0.5")).toBe("-0.50");
    expect(decimal2("12")).toBe("12.00");
    expect(decimal2("3.4100")).toBe("3.41");
    expect(decimal2(null)).toBe("");
  });
  it("refuses floats and unrounded values", () => {
    expect(() => decimal2(0.1)).toThrow(TypeError);
    expect(() => decimal2("1.005")).toThrow(RangeError);
  });
});
