import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  type Filters,
  filtersFor,
  filtersKey,
  filtersKeyFor,
  filtersToSearchParams,
  hrefWithFilters,
  NO_FILTERS,
  parseFilters,
  presetRange,
  todayIn,
  unappliedFields,
} from "@/lib/filters";
import { filterCondition, unappliedFilters } from "@/lib/filters/sql";
import { Prisma } from "@/lib/generated/prisma/client";

const TODAY = "2026-03-15";
const parse = (query: string) => parseFilters(new URLSearchParams(query), TODAY);
const ok = (query: string): Filters => {
  const result = parse(query);
  if (!result.ok) throw new Error(`expected ${query} to parse: ${JSON.stringify(result.errors)}`);
  return result.filters;
};
const errors = (query: string) => {
  const result = parse(query);
  if (result.ok) throw new Error(`expected ${query} to be refused`);
  return result.errors;
};

describe("parseFilters: valid input", () => {
  it("no params: all time, no restriction", () => {
    expect(ok("")).toEqual(NO_FILTERS);
  });

  it("presets resolve against today, both ends inclusive", () => {
    expect(ok("range=30d")).toMatchObject({ range: "30d", from: "2026-02-14", to: TODAY });
    expect(ok("range=90d")).toMatchObject({ from: "2025-12-16", to: TODAY });
    expect(ok("range=365d")).toMatchObject({ from: "2025-03-16", to: TODAY });
    expect(ok("range=ytd")).toMatchObject({ from: "2026-01-01", to: TODAY });
    expect(ok("range=all")).toMatchObject({ from: null, to: null });
    // 30 days ending today, across a leap day.
    expect(presetRange("30d", "2024-03-10")).toEqual({ from: "2024-02-10", to: "2024-03-10" });
  });

  it("custom ranges, open at either end; dates alone imply custom", () => {
    expect(ok("range=custom&from=2025-01-01&to=2025-01-31")).toMatchObject({ range: "custom", from: "2025-01-01", to: "2025-01-31" });
    expect(ok("from=2025-01-01")).toMatchObject({ range: "custom", from: "2025-01-01", to: null });
    expect(ok("to=2024-02-29")).toMatchObject({ range: "custom", from: null, to: "2024-02-29" });
    expect(ok("range=custom&from=2025-05-05&to=2025-05-05")).toMatchObject({ from: "2025-05-05", to: "2025-05-05" });
  });

  it("lists repeat the parameter, come back sorted and without duplicates; empty values are ignored", () => {
    const f = ok("plant=3&plant=1&plant=3&model=Terra&model=Aero&region=Europe&channel=fleet&channel=online&plant=");
    expect(f.plantIds).toEqual([1, 3]);
    expect(f.models).toEqual(["Aero", "Terra"]);
    expect(f.regions).toEqual(["Europe"]);
    expect(f.channels).toEqual(["fleet", "online"]);
  });

  it("a GET form's empty fields mean nothing set", () => {
    expect(ok("range=all&from=&to=&plant=&model=&region=&channel=")).toEqual(NO_FILTERS);
  });

  it("takes Next's searchParams object too", () => {
    expect(parseFilters({ plant: ["2", "1"], range: "ytd", model: "Aero" }, TODAY).ok).toBe(true);
  });

  it("SQL-looking text is just a value (bound as a parameter later)", () => {
    expect(ok("model=Aero'%3B DROP TABLE vehicles;--").models).toEqual(["Aero'; DROP TABLE vehicles;--"]);
    expect(ok("region=%25' OR '1'='1").regions).toEqual(["%' OR '1'='1"]);
  });
});

describe("parseFilters: invalid and hostile input is refused, naming each parameter", () => {
  it("bad calendar dates", () => {
    expect(errors("range=custom&from=2025-02-30")).toEqual([{ param: "from", message: '"2025-02-30" is not a calendar date' }]);
    expect(errors("from=2025-13-01")[0]!.param).toBe("from");
    expect(errors("to=2023-02-29")[0]).toMatchObject({ param: "to", message: expect.stringContaining("not a calendar date") });
    expect(errors("from=01/02/2025")[0]).toMatchObject({ param: "from", message: expect.stringContaining("YYYY-MM-DD") });
    expect(errors("from=0001-01-01")[0]).toMatchObject({ param: "from", message: expect.stringContaining("out of range") });
    expect(errors("from=2025-1-1")[0]!.param).toBe("from");
  });

  it("from after to", () => {
    expect(errors("from=2025-03-01&to=2025-02-01")).toEqual([{ param: "to", message: "2025-02-01 is before the start date 2025-03-01" }]);
  });

  it("dates with a preset range", () => {
    expect(errors("range=30d&from=2025-01-01")[0]).toMatchObject({ param: "from", message: expect.stringContaining("range=custom") });
  });

  it("unknown preset, channel, non-numeric plants", () => {
    const list = errors("range=forever&channel=phone&plant=abc&plant=0&plant=-1&plant=1.5&plant=99999999999");
    expect(list.map((e) => e.param)).toEqual(["range", "plant", "plant", "plant", "plant", "plant", "channel"]);
    expect(list[0]!.message).toContain("30d, 90d, 365d, ytd, all, custom");
    expect(list[6]!.message).toContain("online, dealer, fleet");
  });

  it("a single-valued parameter given twice", () => {
    expect(errors("range=30d&range=90d")).toEqual([{ param: "range", message: "is given more than once" }]);
    expect(errors("from=2025-01-01&from=2025-02-01")[0]!.param).toBe("from");
  });

  it("huge lists are refused as a whole, not parsed value by value", () => {
    const many = Array.from({ length: 5000 }, (_, i) => `model=M${i}`).join("&");
    const list = errors(many);
    expect(list).toEqual([{ param: "model", message: "has more than 50 values" }]);
    expect(ok(Array.from({ length: 50 }, (_, i) => `plant=${i + 1}`).join("&")).plantIds).toHaveLength(50);
  });

  it("control and format characters, blank and overlong text", () => {
    expect(errors("model=Aero%00")[0]).toMatchObject({ param: "model", message: expect.stringContaining("control characters") });
    expect(errors("region=Eu%0Arope")[0]).toMatchObject({ param: "region", message: expect.stringContaining("control characters") });
    expect(errors("region=%E2%80%AEeporuE")[0]!.param).toBe("region"); // right-to-left override
    expect(errors("model=%20%20")[0]).toMatchObject({ param: "model", message: expect.stringContaining("empty") });
    expect(errors(`model=${"x".repeat(81)}`)[0]).toMatchObject({ param: "model", message: expect.stringContaining("80 characters") });
  });

  it("messages quote the bad value clipped and without control characters", () => {
    const [error] = errors(`channel=${"%01".repeat(3)}${"y".repeat(100)}`);
    expect(error!.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error!.message.length).toBeLessThan(120);
    expect(error!.message.startsWith('"???yyy')).toBe(true);
  });

  it("reports every bad parameter at once", () => {
    expect(errors("range=x&plant=y&channel=z&from=2025-02-30").map((e) => e.param).sort()).toEqual(["channel", "from", "plant", "range"]);
  });
});

describe("filters ⇄ URL", () => {
  const samples = [
    "",
    "range=30d",
    "range=ytd&plant=2",
    "range=custom&from=2025-01-01&to=2025-12-31&model=Aero&model=Terra&region=Europe&channel=online",
    "range=custom&to=2024-06-30",
    "range=custom",
    "plant=1&plant=5&channel=fleet",
  ];
  it.each(samples)("round trip %j", (query) => {
    const f = ok(query);
    expect(filtersToSearchParams(f).toString()).toBe(query);
    expect(ok(filtersToSearchParams(f).toString())).toEqual(f);
  });

  it("equal filters, equal keys and links whatever the order in the URL", () => {
    const a = ok("plant=2&plant=1&channel=online&model=Aero");
    const b = ok("model=Aero&channel=online&plant=1&plant=2&plant=2");
    expect(filtersKey(a)).toBe(filtersKey(b));
    expect(hrefWithFilters("/models", a)).toBe(hrefWithFilters("/models", b));
    expect(hrefWithFilters("/models", a, { trim: "Long Range", after: undefined })).toBe("/models?plant=1&plant=2&model=Aero&channel=online&trim=Long+Range");
    expect(hrefWithFilters("/models", NO_FILTERS)).toBe("/models");
  });

  it("the canonical query keeps other params and drops a form's empty fields", () => {
    const raw = new URLSearchParams("range=all&from=&to=&plant=2&plant=1&sort=price&model=&after=");
    expect(canonicalQuery(raw, ok(raw.toString()))).toBe("plant=1&plant=2&sort=price");
    const canonical = new URLSearchParams("range=30d&plant=1&sort=price");
    expect(canonicalQuery(canonical, ok(canonical.toString()))).toBe(canonical.toString());
  });
});

describe("filters per section", () => {
  const f = ok("range=30d&plant=2&model=Aero&channel=fleet");

  it("a section's key changes only with the filters it applies", () => {
    const inventory = ["plant"] as const;
    expect(filtersKeyFor(f, inventory)).toBe(filtersKeyFor(ok("plant=2"), inventory));
    expect(filtersKeyFor(f, inventory)).not.toBe(filtersKeyFor(ok("plant=3&range=30d"), inventory));
    expect(filtersFor(f, ["date"])).toEqual({ ...NO_FILTERS, range: "30d", from: "2026-02-14", to: TODAY });
  });

  it("names the set filters a section does not apply", () => {
    expect(unappliedFields(f, ["plant"])).toEqual(["date range", "model", "channel"]);
    expect(unappliedFields(f, ["date", "plant", "model", "region", "channel"])).toEqual([]);
    expect(unappliedFields(NO_FILTERS, [])).toEqual([]);
    expect(unappliedFilters(f, { plant: Prisma.sql`i.plant_id` })).toEqual(["date range", "model", "channel"]);
  });
});

describe("filterCondition", () => {
  it("binds every value as a parameter", () => {
    const f = ok("range=custom&from=2025-01-01&to=2025-01-31&plant=2&model=x' OR 1=1--&region=Europe&channel=online");
    const sql = filterCondition(f, {
      date: Prisma.sql`s.sale_date`,
      plant: Prisma.sql`v.plant_id`,
      model: Prisma.sql`v.model_name`,
      region: Prisma.sql`c.region`,
      channel: Prisma.sql`s.channel`,
    });
    expect(sql.sql).not.toContain("OR 1=1");
    expect(sql.values).toEqual(["2025-01-01", "2025-01-31", [2], ["x' OR 1=1--"], ["Europe"], ["online"]]);
    expect(filterCondition(NO_FILTERS, { date: Prisma.sql`s.sale_date` }).sql).toBe("TRUE");
  });
});

describe("todayIn", () => {
  it("is the calendar day in the business time zone", () => {
    const instant = new Date("2026-01-01T03:00:00Z");
    expect(todayIn("UTC", instant)).toBe("2026-01-01");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2025-12-31");
    expect(todayIn("Asia/Tokyo", new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
  });
});
