import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "@/lib/filters";
import { KpiArgsError, parseKpiArgs } from "@/scripts/kpi-args";

const NOW = new Date("2026-12-01T06:00:00Z");
const parse = (...argv: string[]) => parseKpiArgs(argv, "UTC", NOW);

describe("npm run kpi arguments", () => {
  it("a KPI name alone: table format, no filters, today in the business time zone", () => {
    expect(parse("revenue-by-region")).toEqual({ kind: "run", name: "revenue-by-region", format: "table", filters: NO_FILTERS, today: "2026-12-01" });
    // 06:00 UTC on Dec 1 is still Nov 30 in Los Angeles.
    const la = parseKpiArgs(["revenue-to-date"], "America/Los_Angeles", NOW);
    expect(la.kind === "run" && la.today).toBe("2026-11-30");
  });

  it("--list and --help", () => {
    expect(parse("--list")).toEqual({ kind: "list" });
    expect(parse("-h")).toEqual({ kind: "help" });
  });

  it("filter flags become the same filters as the URL gives, lists repeatable and sorted", () => {
    const args = parse("fleet-vs-retail", "--from", "2026-01-01", "--to", "2026-03-31", "--plant", "3", "--plant", "1", "--model", "Terra", "--region", "Europe", "--region", "Asia Pacific", "--channel", "online", "--format", "csv");
    expect(args).toEqual({
      kind: "run",
      name: "fleet-vs-retail",
      format: "csv",
      today: "2026-12-01",
      filters: { range: "custom", from: "2026-01-01", to: "2026-03-31", plantIds: [1, 3], models: ["Terra"], regions: ["Asia Pacific", "Europe"], channels: ["online"] },
    });
  });

  it("an open-ended range, and presets relative to --today", () => {
    const open = parse("units-built-vs-sold", "--from", "2026-06-01");
    expect(open.kind === "run" && [open.filters.from, open.filters.to]).toEqual(["2026-06-01", null]);
    const ytd = parse("revenue-by-channel", "--range", "ytd", "--today", "2024-02-29");
    expect(ytd.kind === "run" && [ytd.filters.from, ytd.filters.to, ytd.today]).toEqual(["2024-01-01", "2024-02-29", "2024-02-29"]);
    const d30 = parse("revenue-by-channel", "--range", "30d", "--today", "2026-03-01");
    expect(d30.kind === "run" && d30.filters.from).toBe("2026-01-31");
  });

  it("bad values are errors naming the flag and the value", () => {
    const cases: Array<[string[], RegExp]> = [
      [["x", "--from", "2026-02-30"], /--from: "2026-02-30" is not a calendar date/],
      [["x", "--from", "01/02/2026"], /--from: "01\/02\/2026" must be a date written YYYY-MM-DD/],
      [["x", "--from", "2026-05-01", "--to", "2026-04-01"], /--to: 2026-04-01 is before the start date 2026-05-01/],
      [["x", "--plant", "0"], /--plant: "0" must be a plant number/],
      [["x", "--plant", "1;DROP TABLE plants"], /--plant: .* must be a plant number/],
      [["x", "--channel", "boat"], /--channel: "boat" must be one of online, dealer, fleet/],
      [["x", "--region", ""], /^$|--region/],
      [["x", "--model", "a\u0000b"], /--model: .* contains control characters/],
      [["x", "--range", "week"], /--range: "week" is not one of/],
      [["x", "--range", "30d", "--from", "2026-01-01"], /--from: dates apply only to range=custom/],
      [["x", "--today", "2026-13-01"], /--today: "2026-13-01" must be a calendar date/],
      [["x", "--format", "xml"], /--format: unknown format "xml"/],
      [["x", "--frmo", "2026-01-01"], /Unknown option '--frmo'/],
      [["x", "--from"], /--from/],
      [["x", "--from", "2026-01-01", "--from", "2026-02-01"], /--from: given more than once/],
      [[], /Name a KPI/],
      [["x", "y"], /Unexpected argument "y"/],
    ];
    for (const [argv, message] of cases) {
      if (argv.includes("--region")) {
        // An empty region is dropped like an empty URL parameter: no restriction, no error.
        expect(parse(...argv)).toMatchObject({ kind: "run", filters: { regions: [] } });
        continue;
      }
      expect(() => parse(...argv), argv.join(" ")).toThrow(KpiArgsError);
      expect(() => parse(...argv), argv.join(" ")).toThrow(message);
    }
  });
});
