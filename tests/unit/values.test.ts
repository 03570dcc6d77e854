import { describe, expect, it } from "vitest";
import { count, money, share, sumMoney } from "@/lib/kpi/values";

class FakeDecimal {
  constructor(private readonly text: string) {}
  toFixed(digits: number) {
    return Number(this.text).toFixed(digits);
  }
}

describe("money", () => {
  it("keeps SQL numeric text exact with two decimals", () => {
    expect(money("1234.5")).toBe("1234.50");
    expect(money("1234")).toBe("1234.00");
    expect(money("98765432109876543.21")).toBe("98765432109876543.21");
    expect(money("-0.05")).toBe("-0.05");
    expect(money("12.300")).toBe("12.30");
  });
  it("accepts decimal objects and treats NULL (an empty SUM) as zero", () => {
    expect(money(new FakeDecimal("1.5"))).toBe("1.50");
    expect(money(null)).toBe("0.00");
  });
  it("refuses floats and values with more than two significant decimals", () => {
    expect(() => money(0.1)).toThrow(TypeError);
    expect(() => money("1.005")).toThrow(RangeError);
    expect(() => money("abc")).toThrow(TypeError);
  });
});

describe("sumMoney", () => {
  it("adds cents exactly where floats drift", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney(["0.10", "0.20"])).toBe("0.30");
    expect(sumMoney(Array.from({ length: 1000 }, () => "0.01"))).toBe("10.00");
    expect(sumMoney(["9007199254740993.99", "0.01"])).toBe("9007199254740994.00");
    expect(sumMoney(["-1.25", "1.20"])).toBe("-0.05");
    expect(sumMoney([])).toBe("0.00");
  });
});

describe("count and share", () => {
  it("converts bigint counts and rejects non-integers", () => {
    expect(count(42n)).toBe(42);
    expect(count("7")).toBe(7);
    expect(() => count(1.5)).toThrow(TypeError);
  });
  it("computes a display share and survives a zero whole", () => {
    expect(share("25.00", "100.00")).toBe(0.25);
    expect(share("1.00", "0.00")).toBe(0);
  });
});
