import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/format/csv";
import { formatCount, formatMoney, formatMonth, formatPercent } from "@/lib/format/number";

describe("number formatting", () => {
  it("formats exact decimal strings as dollars without float rounding", () => {
    expect(formatMoney("1234567.89")).toBe("$1,234,567.89");
    expect(formatMoney("0.30")).toBe("$0.30");
    // 2^53 + 1 is not representable as a double; the string path keeps it.
    expect(formatMoney("9007199254740993.01")).toBe("$9,007,199,254,740,993.01");
  });
  it("formats counts, percentages and months", () => {
    expect(formatCount(1800000)).toBe("1,800,000");
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatMonth("2026-03")).toBe("Mar 2026");
    expect(formatMonth("2026-12")).toBe("Dec 2026");
  });
});

describe("CSV", () => {
  it("quotes per RFC 4180 only when needed", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('Say "hi", then')).toBe('"Say ""hi"", then"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(12)).toBe("12");
    expect(csvField(null)).toBe("");
  });
  it("writes a header and the rows in column order", () => {
    expect(toCsv(["a", "b"], [{ b: "2", a: "x,y" }])).toBe('a,b\n"x,y",2\n');
  });
});
