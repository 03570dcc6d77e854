import { describe, expect, it } from "vitest";
import { formatCursor, modelPath, parseCursor, parseModelSegment, parseOrderListParams } from "@/lib/filters/drill";

const parse = (query: string) => parseOrderListParams(new URLSearchParams(query));

describe("the model in the path", () => {
  it("takes names as they are or percent-encoded once", () => {
    expect(parseModelSegment("Aero")).toBe("Aero");
    expect(parseModelSegment("Model%20X")).toBe("Model X");
    expect(parseModelSegment(encodeURIComponent("Aero'; DROP TABLE vehicles;--"))).toBe("Aero'; DROP TABLE vehicles;--");
    expect(modelPath("Model X/2")).toBe("/models/Model%20X%2F2");
    expect(parseModelSegment(modelPath("Model X/2").slice("/models/".length))).toBe("Model X/2");
  });
  it("refuses empty, overlong, control characters and broken encodings", () => {
    for (const bad of ["", "%20%20", "x".repeat(81), "Aero%00", "Ae%0Aro", "%E2%80%AE", "%E0%A4%A"]) expect(parseModelSegment(bad), bad).toBeNull();
    expect(parseModelSegment("%ZZ")).toBe("%ZZ"); // not an escape: a literal name, unknown to the database
  });
});

describe("the order list's parameters", () => {
  it("defaults: newest first, no selection, first page", () => {
    expect(parse("")).toEqual({ ok: true, value: { trim: null, month: null, sort: "date", dir: "desc", cursor: null } });
  });

  it("selection, sort and cursors", () => {
    expect(parse("trim=Long+Range&month=2025-02&sort=price&dir=asc&after=43990.10_123")).toEqual({
      ok: true,
      value: { trim: "Long Range", month: "2025-02", sort: "price", dir: "asc", cursor: { direction: "after", value: "43990.10", orderId: "123" } },
    });
    expect(parse("before=2025-03-01_900000001")).toMatchObject({ ok: true, value: { cursor: { direction: "before", value: "2025-03-01", orderId: "900000001" } } });
    expect(parse("sort=discount&after=-1250.5_7")).toMatchObject({ ok: true, value: { cursor: { value: "-1250.5" } } });
    // Filter params are not this parser's business.
    expect(parse("plant=x&range=bogus").ok).toBe(true);
  });

  it("malformed cursors say what is wrong", () => {
    const errorsOf = (q: string) => {
      const r = parse(q);
      if (r.ok) throw new Error(`${q} accepted`);
      return r.errors;
    };
    expect(errorsOf("after=garbage")[0]).toMatchObject({ param: "after", message: expect.stringContaining("page position") });
    expect(errorsOf("after=2025-02-30_12")[0]!.message).toContain("sale date");
    expect(errorsOf("sort=price&after=2025-01-01_12")[0]!.message).toContain("amount");
    expect(errorsOf("after=2025-01-01_0")[0]!.message).toContain("order id");
    expect(errorsOf("after=2025-01-01_99999999999999999999")[0]!.message).toContain("order id");
    expect(errorsOf("after=2025-01-01_1;DROP TABLE x")[0]!.param).toBe("after");
    expect(errorsOf("after=2025-01-01_1&before=2025-01-01_2")[0]!.param).toBe("before");
  });

  it("bad sort, direction, month and trim; repeated params", () => {
    const r = parse("sort=vin&dir=up&month=2025-13&trim=%00&trim=x");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([...new Set(r.errors.map((e) => e.param))].sort()).toEqual(["dir", "month", "sort", "trim"]);
    expect(r.errors.find((e) => e.param === "sort")!.message).toContain("date, price, discount");
    expect(r.errors.find((e) => e.param === "trim")!.message).toBe("is given more than once");
    expect(parse("month=2025-1").ok).toBe(false);
    expect(parse("trim=%01bad").ok).toBe(false);
    expect(parse(`trim=${"t".repeat(81)}`).ok).toBe(false);
  });

  it("cursors round-trip", () => {
    expect(parseCursor(formatCursor("2025-01-31", "42"), "date")).toEqual({ value: "2025-01-31", orderId: "42" });
    expect(parseCursor(formatCursor("-0.05", "42"), "discount")).toEqual({ value: "-0.05", orderId: "42" });
  });
});
