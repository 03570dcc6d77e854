import { describe, expect, it } from "vitest";
import { negotiateLocale } from "@/lib/format/locale";
import { createFormat, formatMoney } from "@/lib/format/number";
import { plotlySeparators } from "@/lib/format/separators";

// Intl puts a no-break space (U+00A0) or a narrow one (U+202F) where a space shows.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("locale negotiation (Accept-Language)", () => {
  it("falls back to en-US without a usable header", () => {
    expect(negotiateLocale(undefined)).toBe("en-US");
    expect(negotiateLocale(null)).toBe("en-US");
    expect(negotiateLocale("")).toBe("en-US");
    expect(negotiateLocale("   ")).toBe("en-US");
  });
  it("picks the exact locale, or the region of a bare language", () => {
    expect(negotiateLocale("de-DE")).toBe("de-DE");
    expect(negotiateLocale("fr-FR,fr;q=0.9")).toBe("fr-FR");
    expect(negotiateLocale("de")).toBe("de-DE");
    expect(negotiateLocale("en-GB,en;q=0.9")).toBe("en-GB");
    expect(negotiateLocale("en")).toBe("en-US");
  });
  it("orders by q-value, whatever the order written", () => {
    expect(negotiateLocale("en-US;q=0.5,de-DE;q=0.9")).toBe("de-DE");
    expect(negotiateLocale("fr-FR;q=0.1, de-DE;q=0.2, it-IT;q=0.8")).toBe("it-IT");
    expect(negotiateLocale("de-DE;q=0, fr-FR;q=0.3")).toBe("fr-FR");
  });
  it("skips the wildcard and unknown languages", () => {
    expect(negotiateLocale("*")).toBe("en-US");
    expect(negotiateLocale("*;q=1, de-DE;q=0.5")).toBe("de-DE");
    expect(negotiateLocale("xx-YY, tlh")).toBe("en-US");
    expect(negotiateLocale("tlh, fr;q=0.4")).toBe("fr-FR");
  });
  it("survives malformed and hostile headers", () => {
    for (const header of [
      ";;;,,,",
      "en_US",
      "de-DE;q=abc",
      "q=1",
      "-",
      "de-DE;q=",
      "<script>alert(1)</script>",
      "de-DE'; DROP TABLE users; --",
      "\u0000\u0001de",
      "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
      "en-US-x-" + "a".repeat(500),
      "__proto__, constructor",
    ]) {
      const locale = negotiateLocale(header);
      expect(typeof locale).toBe("string");
      expect(() => createFormat(locale).formatMoney("1.00")).not.toThrow();
    }
    expect(negotiateLocale("en_US")).toBe("en-US");
    expect(negotiateLocale("<script>alert(1)</script>")).toBe("en-US");
  });
  it("handles a very long header quickly", () => {
    const long = Array.from({ length: 20_000 }, (_, i) => `x${i % 10}-AB;q=0.${i % 10}`).join(",") + ",de-DE";
    const started = performance.now();
    expect(negotiateLocale(long)).toBe("en-US"); // de-DE is past the part that is read
    expect(negotiateLocale(`de-DE,${long}`)).toBe("de-DE");
    expect(negotiateLocale("a".repeat(1_000_000))).toBe("en-US");
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("formatting per locale", () => {
  const en = createFormat("en-US");
  const de = createFormat("de-DE");
  const fr = createFormat("fr-FR");
  it("writes US dollars in each locale's notation", () => {
    expect(en.formatMoney("1234.56")).toBe("$1,234.56");
    expect(plain(de.formatMoney("1234.56"))).toBe("1.234,56 $");
    expect(plain(fr.formatMoney("1234.56"))).toBe("1 234,56 $US");
    expect(en.formatMoney("-0.50")).toBe("-$0.50");
    expect(plain(de.formatMoney("-0.50"))).toBe("-0,50 $");
  });
  it("stays exact to the cent on large sums (decimal strings, no float)", () => {
    expect(en.formatMoney("123456789012.35")).toBe("$123,456,789,012.35");
    expect(plain(de.formatMoney("123456789012.35"))).toBe("123.456.789.012,35 $");
    expect(en.formatMoney("9007199254740993.01")).toBe("$9,007,199,254,740,993.01");
    expect(plain(de.formatMoney("9007199254740993.01"))).toBe("9.007.199.254.740.993,01 $");
    expect(de.formatDecimal("123456789012.35")).toBe("123.456.789.012,35");
  });
  it("formats counts, percentages, percent numbers and months", () => {
    expect(en.formatCount(1800000)).toBe("1,800,000");
    expect(de.formatCount(1800000)).toBe("1.800.000");
    expect(en.formatPercent(0.1234)).toBe("12.3%");
    expect(plain(de.formatPercent(0.1234))).toBe("12,3 %");
    expect(en.formatPercentNumber("16.05")).toBe("16.05%");
    expect(plain(de.formatPercentNumber("16.05"))).toBe("16,05 %");
    expect(en.formatMonth("2026-03")).toBe("Mar 2026");
    expect(de.formatMonth("2026-03")).toBe("März 2026");
    expect(en.formatDay("2026-11-15")).toBe("Nov 15, 2026");
    expect(de.formatDay("2026-11-15")).toBe("15. Nov. 2026");
    expect(plain(en.formatDayRange("2025-12-31", "2026-01-02")).replace(/\u2009/g, " ")).toBe("Dec 31, 2025 – Jan 2, 2026");
  });
  it("gives charts the locale's separators and dollar placement", () => {
    // Plotly's order: the decimal mark first, then the thousands separator.
    expect(plotlySeparators("en-US")).toBe(".,");
    expect(plotlySeparators("de-DE")).toBe(",.");
    expect(plain(plotlySeparators("fr-FR"))).toBe(", ");
    expect(en.chart.separators).toBe(".,");
    expect(de.chart.separators).toBe(",.");
    expect(en.chart.usd("%{y:,.2f}")).toBe("$%{y:,.2f}");
    expect(plain(de.chart.usd("%{y:,.2f}"))).toBe("%{y:,.2f} $");
    expect(en.chart.usdAxis).toEqual({ tickprefix: "$", ticksuffix: "" });
    expect(de.chart.usdAxis.tickprefix).toBe("");
    expect(en.chart.usdWhole("58213.49")).toBe("$58,213");
  });
  it("keeps the en-US exports for code without a request", () => {
    expect(formatMoney("1234567.89")).toBe("$1,234,567.89");
    expect(createFormat("not a locale!").locale).toBe("en-US");
  });
});
