import { z } from "zod";

/**
 * The page filters shared by every dashboard, the exports and `npm run kpi`:
 * URL search params ⇄ one validated, normalised object. Dates are calendar days
 * in the business time zone, both ends inclusive; `null` means unbounded.
 * Lists are sorted and de-duplicated so that equal filters have equal keys
 * (cache keys, links). An empty list means "no restriction" (the user's plant
 * scope still applies: filters only ever narrow).
 */
export const CHANNELS = ["online", "dealer", "fleet"] as const;
export type Channel = (typeof CHANNELS)[number];

export const RANGE_PRESETS = ["30d", "90d", "365d", "ytd", "all", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const RANGE_LABELS: Readonly<Record<RangePreset, string>> = {
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "365d": "Last 365 days",
  ytd: "Year to date",
  all: "All time",
  custom: "Custom",
};

export type Filters = {
  range: RangePreset;
  /** First day included (YYYY-MM-DD), or null for no lower bound. */
  from: string | null;
  /** Last day included (YYYY-MM-DD), or null for no upper bound. */
  to: string | null;
  plantIds: number[];
  models: string[];
  regions: string[];
  channels: Channel[];
};

export const NO_FILTERS: Filters = {
  range: "all",
  from: null,
  to: null,
  plantIds: [],
  models: [],
  regions: [],
  channels: [],
};

/** The URL parameter of each filter (lists repeat the parameter: `?plant=1&plant=2`). */
export const FILTER_PARAMS = ["range", "from", "to", "plant", "model", "region", "channel"] as const;

export type FilterError = { param: string; message: string };
export type FilterResult = { ok: true; filters: Filters } | { ok: false; errors: FilterError[] };

const MAX_VALUES = 50;
const MAX_TEXT = 80;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a calendar date")
  .refine((s) => s >= "1900-01-01" && s <= "2999-12-31", "is out of range");

const text = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`)
  // Printable text only: no control characters in a filter value.
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, "contains control characters");

const plantId = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "must be a plant number")
  .transform(Number);

const channel = z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(", ")}` });

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: Params, name: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(name);
  const value = params[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Today's calendar date in `timeZone` (IANA name), as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The inclusive [from, to] of a preset, relative to `today` (YYYY-MM-DD). */
export function presetRange(preset: Exclude<RangePreset, "custom">, today: string): { from: string | null; to: string | null } {
  switch (preset) {
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "90d":
      return { from: addDays(today, -89), to: today };
    case "365d":
      return { from: addDays(today, -364), to: today };
    case "ytd":
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case "all":
      return { from: null, to: null };
  }
}

/**
 * Parse and validate filters from URL search params (or Next's `searchParams`
 * object). Every problem is reported with the parameter it concerns; unknown
 * parameters are ignored (links may carry others, e.g. pagination).
 * `today` is the current date in the business time zone, for the presets.
 */
export function parseFilters(params: Params, today: string): FilterResult {
  const errors: FilterError[] = [];
  const single = (name: string): string | undefined => {
    const values = all(params, name);
    if (values.length > 1) errors.push({ param: name, message: "is given more than once" });
    return values[0];
  };
  const list = <T>(name: string, schema: z.ZodType<T, string>): T[] => {
    const values = all(params, name).filter((v) => v !== "");
    if (values.length > MAX_VALUES) {
      errors.push({ param: name, message: `has more than ${MAX_VALUES} values` });
      return [];
    }
    const out: T[] = [];
    for (const value of values) {
      const parsed = schema.safeParse(value);
      if (parsed.success) out.push(parsed.data);
      else errors.push({ param: name, message: `"${clip(value)}" ${parsed.error.issues[0]!.message}` });
    }
    return out;
  };

  const rangeRaw = single("range");
  const fromRaw = single("from") || undefined;
  const toRaw = single("to") || undefined;
  let range: RangePreset;
  if (rangeRaw === undefined || rangeRaw === "") range = fromRaw || toRaw ? "custom" : "all";
  else if ((RANGE_PRESETS as readonly string[]).includes(rangeRaw)) range = rangeRaw as RangePreset;
  else {
    errors.push({ param: "range", message: `"${clip(rangeRaw)}" is not one of ${RANGE_PRESETS.join(", ")}` });
    range = "all";
  }

  let from: string | null = null;
  let to: string | null = null;
  if (range === "custom") {
    for (const [name, raw] of [["from", fromRaw], ["to", toRaw]] as const) {
      if (raw === undefined) continue;
      const parsed = isoDate.safeParse(raw);
      if (!parsed.success) errors.push({ param: name, message: `"${clip(raw)}" ${parsed.error.issues[0]!.message}` });
      else if (name === "from") from = parsed.data;
      else to = parsed.data;
    }
    if (from && to && from > to) errors.push({ param: "to", message: `${to} is before the start date ${from}` });
  } else {
    if (fromRaw || toRaw) {
      errors.push({ param: fromRaw ? "from" : "to", message: `dates apply only to range=custom (range is ${range})` });
    }
    ({ from, to } = presetRange(range, today));
  }

  const filters: Filters = {
    range,
    from,
    to,
    plantIds: uniqueSorted(list("plant", plantId)),
    models: uniqueSorted(list("model", text)),
    regions: uniqueSorted(list("region", text)),
    channels: uniqueSorted(list("channel", channel)),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, filters };
}

/**
 * The URL search params of `filters` (inverse of `parseFilters`): only what
 * differs from the defaults, in a stable order, so equal filters give equal links.
 */
export function filtersToSearchParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.range === "custom") {
    params.set("range", "custom");
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  } else if (filters.range !== "all") {
    params.set("range", filters.range);
  }
  for (const id of filters.plantIds) params.append("plant", String(id));
  for (const model of filters.models) params.append("model", model);
  for (const region of filters.regions) params.append("region", region);
  for (const c of filters.channels) params.append("channel", c);
  return params;
}

/**
 * A stable string for `filters` (cache keys): the resolved dates included, so a
 * preset's key changes with the day. `JSON.parse` of it gives the filters back.
 */
export function filtersKey(filters: Filters): string {
  const { range, from, to, plantIds, models, regions, channels } = filters;
  return JSON.stringify({ range, from, to, plantIds, models, regions, channels });
}

function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function clip(value: string): string {
  const printable = value.replace(/[\p{Cc}\p{Cf}]/gu, "?");
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/** The filters a query can apply, by field (a section names those it applies). */
export const FILTER_FIELDS = ["date", "plant", "model", "region", "channel"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const FIELD_LABELS: Readonly<Record<FilterField, string>> = {
  date: "date range",
  plant: "plant",
  model: "model",
  region: "region",
  channel: "channel",
};

function fieldIsSet(filters: Filters, field: FilterField): boolean {
  switch (field) {
    case "date":
      return filters.from !== null || filters.to !== null;
    case "plant":
      return filters.plantIds.length > 0;
    case "model":
      return filters.models.length > 0;
    case "region":
      return filters.regions.length > 0;
    case "channel":
      return filters.channels.length > 0;
  }
}

/** The filters restricted to `fields`: the others back to "no restriction". */
export function filtersFor(filters: Filters, fields: readonly FilterField[]): Filters {
  const has = (f: FilterField) => fields.includes(f);
  return {
    range: has("date") ? filters.range : "all",
    from: has("date") ? filters.from : null,
    to: has("date") ? filters.to : null,
    plantIds: has("plant") ? filters.plantIds : [],
    models: has("model") ? filters.models : [],
    regions: has("region") ? filters.regions : [],
    channels: has("channel") ? filters.channels : [],
  };
}

/**
 * The key of the part of `filters` a section depends on: a section keyed by it
 * (`<Suspense key=…>`) reloads when one of its filters changes and keeps its
 * content when another does.
 */
export function filtersKeyFor(filters: Filters, fields: readonly FilterField[]): string {
  return filtersKey(filtersFor(filters, fields));
}

/** The set filters that a section applying only `fields` ignores, as words for the user. */
export function unappliedFields(filters: Filters, fields: readonly FilterField[]): string[] {
  return FILTER_FIELDS.filter((f) => !fields.includes(f) && fieldIsSet(filters, f)).map((f) => FIELD_LABELS[f]);
}

/** `path` with the filters' URL params and `extra` ones (undefined/empty left out). */
export function hrefWithFilters(path: string, filters: Filters, extra: Record<string, string | undefined> = {}): string {
  const params = filtersToSearchParams(filters);
  for (const [name, value] of Object.entries(extra)) if (value !== undefined && value !== "") params.set(name, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The canonical query string for `params` whose filters parsed to `filters`:
 * the filter params as `filtersToSearchParams` writes them, first, then every
 * other param as given, minus empty ones. A GET form's raw submission
 * (`?range=all&from=&plant=2&plant=1`) and the link the filter bar builds end
 * up at the same URL.
 */
export function canonicalQuery(params: URLSearchParams, filters: Filters): string {
  const out = filtersToSearchParams(filters);
  for (const [name, value] of params) {
    if ((FILTER_PARAMS as readonly string[]).includes(name) || value === "") continue;
    out.append(name, value);
  }
  return out.toString();
}

/** Next's `searchParams` object as URLSearchParams (lists repeat the name). */
export function toSearchParams(params: URLSearchParams | Record<string, string | string[] | undefined>): URLSearchParams {
  if (params instanceof URLSearchParams) return params;
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
  }
  return out;
}
