// Command-line arguments of `npm run kpi`, parsed apart from running so they can be
// unit-tested. The filter flags go through lib/filters' parseFilters, exactly as a
// page's URL does: the same names, the same validation, the same messages.
import { parseArgs } from "node:util";
import { type Filters, parseFilters, todayIn } from "../lib/filters";

export const KPI_USAGE = `usage: npm run kpi -- <name> [--format csv|json|table] [filters] [--today YYYY-MM-DD]
       npm run kpi -- --list
filters (as on the pages; dates inclusive, on sale_date for sales KPIs):
  --from YYYY-MM-DD --to YYYY-MM-DD     date range (either end may be left open)
  --range 30d|90d|365d|ytd|all          a preset range instead, relative to --today
  --plant <plant_id>                    repeatable: --plant 1 --plant 3
  --model <model_name>                  repeatable
  --region <region>                     repeatable (the customer's region)
  --channel online|dealer|fleet         repeatable
  --today YYYY-MM-DD                    the day month-to-date, year-to-date and presets count from
                                        (default: today in BUSINESS_TIME_ZONE)`;

export type KpiArgs =
  | { kind: "help" }
  | { kind: "list" }
  | { kind: "run"; name: string; format: "csv" | "json" | "table"; filters: Filters; today: string };

/** A wrong command line: the message says which flag and why. */
export class KpiArgsError extends Error {}

const LIST_FLAGS = ["plant", "model", "region", "channel"] as const;

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `argv` without node and the script; `timeZone` gives the default for --today. */
export function parseKpiArgs(argv: readonly string[], timeZone: string, now: Date = new Date()): KpiArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        // Single-valued flags are collected as lists too, so that a repeated one is an error, not a silent override.
        format: { type: "string", multiple: true },
        list: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        today: { type: "string", multiple: true },
        range: { type: "string", multiple: true },
        from: { type: "string", multiple: true },
        to: { type: "string", multiple: true },
        plant: { type: "string", multiple: true },
        model: { type: "string", multiple: true },
        region: { type: "string", multiple: true },
        channel: { type: "string", multiple: true },
      },
    });
  } catch (error) {
    throw new KpiArgsError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.list) return { kind: "list" };
  const single = (flag: "format" | "today" | "range" | "from" | "to"): string | undefined => {
    const given = values[flag] ?? [];
    if (given.length > 1) throw new KpiArgsError(`--${flag}: given more than once.`);
    return given[0];
  };

  const [name, ...extra] = positionals;
  if (!name) throw new KpiArgsError("Name a KPI.");
  if (extra.length > 0) throw new KpiArgsError(`Unexpected argument "${extra[0]}".`);
  const format = single("format") ?? "table";
  if (format !== "csv" && format !== "json" && format !== "table") {
    throw new KpiArgsError(`--format: unknown format "${format}": use csv, json or table.`);
  }

  const today = single("today") ?? todayIn(timeZone, now);
  if (!isCalendarDay(today)) throw new KpiArgsError(`--today: "${today}" must be a calendar date written YYYY-MM-DD.`);

  const params = new URLSearchParams();
  for (const flag of ["range", "from", "to"] as const) {
    const value = single(flag);
    if (value !== undefined) params.set(flag, value);
  }
  for (const list of LIST_FLAGS) for (const value of values[list] ?? []) params.append(list, value);
  const result = parseFilters(params, today);
  if (!result.ok) {
    throw new KpiArgsError(result.errors.map((e) => `--${e.param}: ${e.message}`).join("\n"));
  }
  return { kind: "run", name, format, filters: result.filters, today };
}
