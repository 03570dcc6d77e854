import type { PlantScope } from "../access/policy";
import { plantScopeCondition } from "../access/sql";
import { type Filters, NO_FILTERS } from "../filters";
import { formatCursor, type OrderCursor, type OrderListParams, type OrderSort, parseCursor } from "../filters/drill";
import { filterCondition } from "../filters/sql";
import { Prisma } from "../generated/prisma/client";
import { SALE_FILTER_COLUMNS } from "./model-breakdown";
import { chooseSource, salesFacts, type SalesQueryOptions } from "./sales-source";
import type { QueryClient } from "./types";
import { count, money } from "./values";

export type ModelOrderRow = {
  order_id: string;
  vin: string;
  sale_date: string;
  trim: string;
  plant_name: string;
  region: string;
  channel: string;
  sale_price: string;
  msrp: string;
  /** sale_price − msrp, computed in SQL: negative below list price. */
  price_vs_msrp: string;
};

export type ModelOrdersPage = {
  rows: ModelOrderRow[];
  /** Cursor of the page after this one (`after=`), or null on the last page. */
  next: string | null;
  /** Cursor of the page before this one (`before=`), or null on the first page. */
  prev: string | null;
};

export const ORDER_PAGE_SIZE = 50;

/** The order list's CSV columns, in the table's order (order_id first, for reference). */
export const MODEL_ORDER_COLUMNS = ["order_id", "vin", "sale_date", "trim", "plant_name", "region", "channel", "sale_price", "msrp", "price_vs_msrp"] as const satisfies ReadonlyArray<keyof ModelOrderRow>;

/** Rows per page when the whole list is read (the export). */
export const ORDER_EXPORT_PAGE_SIZE = 5_000;

/** The sort key of each order, as SQL and as the cursor's value type. */
const SORT_KEYS: Record<OrderSort, { expr: Prisma.Sql; text: Prisma.Sql; cast: (value: string) => Prisma.Sql }> = {
  date: { expr: Prisma.sql`s.sale_date`, text: Prisma.sql`to_char(s.sale_date, 'YYYY-MM-DD')`, cast: (v) => Prisma.sql`${v}::date` },
  price: { expr: Prisma.sql`s.sale_price`, text: Prisma.sql`s.sale_price::text`, cast: (v) => Prisma.sql`${v}::numeric` },
  // The discount off list price: the largest first when descending.
  discount: { expr: Prisma.sql`(v.msrp - s.sale_price)`, text: Prisma.sql`(v.msrp - s.sale_price)::text`, cast: (v) => Prisma.sql`${v}::numeric` },
};

type Selection = Pick<OrderListParams, "trim" | "month">;

function conditions(scope: PlantScope, model: string, filters: Filters, { trim, month }: Selection): Prisma.Sql {
  const parts = [
    Prisma.sql`v.model_name = ${model}`,
    plantScopeCondition(scope, Prisma.sql`v.plant_id`),
    filterCondition(filters, SALE_FILTER_COLUMNS),
  ];
  if (trim !== null) parts.push(Prisma.sql`v.trim = ${trim}`);
  if (month !== null) {
    // A range on sale_date (index-friendly), not to_char(sale_date) = month.
    parts.push(Prisma.sql`s.sale_date >= ${`${month}-01`}::date AND s.sale_date < (${`${month}-01`}::date + interval '1 month')`);
  }
  return Prisma.join(parts, " AND ");
}

/**
 * A page of one model's orders, keyset-paginated on (sort key, order_id): each
 * page starts strictly after (or before) the cursor's row, so pages stay
 * consistent and cost the same however deep, unlike OFFSET.
 */
export async function fetchModelOrders(
  db: QueryClient,
  scope: PlantScope,
  model: string,
  filters: Filters = NO_FILTERS,
  params: OrderListParams = { trim: null, month: null, sort: "date", dir: "desc", cursor: null },
  pageSize = ORDER_PAGE_SIZE,
): Promise<ModelOrdersPage> {
  const key = SORT_KEYS[params.sort];
  const backwards = params.cursor?.direction === "before";
  // Reading backwards = the opposite order, then the rows are reversed.
  const ascending = (params.dir === "asc") !== backwards;
  const order = ascending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const seek = params.cursor
    ? Prisma.sql`AND (${key.expr}, s.order_id) ${ascending ? Prisma.sql`>` : Prisma.sql`<`} (${key.cast(params.cursor.value)}, ${params.cursor.orderId}::bigint)`
    : Prisma.empty;
  const rows = await db.$queryRaw<Array<Record<keyof ModelOrderRow, unknown> & { sort_value: string }>>(Prisma.sql`
    SELECT s.order_id::text AS order_id, s.vin, to_char(s.sale_date, 'YYYY-MM-DD') AS sale_date,
           v.trim, pl.name AS plant_name, c.region, s.channel,
           s.sale_price, v.msrp, s.sale_price - v.msrp AS price_vs_msrp,
           ${key.text} AS sort_value
    FROM salesorders s
    JOIN vehicles v ON v.vin = s.vin
    JOIN plants pl ON pl.plant_id = v.plant_id
    JOIN customers c ON c.customer_id = s.customer_id
    WHERE ${conditions(scope, model, filters, params)} ${seek}
    ORDER BY ${key.expr} ${order}, s.order_id ${order}
    LIMIT ${pageSize + 1}`);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const cursorOf = (r: (typeof page)[number]) => formatCursor(sortValue(params.sort, r.sort_value), String(r.order_id));
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : params.cursor !== null;
  return {
    rows: page.map((r) => ({
      order_id: String(r.order_id),
      vin: String(r.vin),
      sale_date: String(r.sale_date),
      trim: String(r.trim),
      plant_name: String(r.plant_name),
      region: String(r.region),
      channel: String(r.channel),
      sale_price: money(r.sale_price),
      msrp: money(r.msrp),
      price_vs_msrp: money(r.price_vs_msrp),
    })),
    next: hasNext && last ? cursorOf(last) : null,
    prev: hasPrev && first ? cursorOf(first) : null,
  };
}

/**
 * Every order of the list (`selection` without its cursor: from the first row),
 * in the list's order, as pages of at most `pageSize` rows read one after the
 * other with the same keyset query as the page: memory holds one page however
 * many orders there are, and each page costs the same however deep.
 */
export async function* modelOrderPages(
  db: QueryClient,
  scope: PlantScope,
  model: string,
  filters: Filters,
  selection: Omit<OrderListParams, "cursor">,
  pageSize = ORDER_EXPORT_PAGE_SIZE,
): AsyncGenerator<ModelOrderRow[], void, undefined> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`page size must be a positive integer, not ${pageSize}`);
  let cursor: OrderCursor | null = null;
  for (;;) {
    const page = await fetchModelOrders(db, scope, model, filters, { ...selection, cursor }, pageSize);
    if (page.rows.length > 0) yield page.rows;
    if (page.next === null) return;
    const parsed = parseCursor(page.next, selection.sort);
    if (typeof parsed === "string") throw new Error(`internal cursor "${page.next}" ${parsed}`);
    cursor = { direction: "after", ...parsed };
  }
}

/** How many orders the list holds in all (same conditions, no cursor). */
export async function countModelOrders(
  db: QueryClient,
  scope: PlantScope,
  model: string,
  filters: Filters,
  { trim, month }: Selection,
  options: SalesQueryOptions = {},
): Promise<number> {
  // A month narrows the date range to that month; an empty intersection counts nothing.
  let narrowed = filters;
  if (month !== null) {
    const first = `${month}-01`;
    const end = new Date(`${first}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 1);
    end.setUTCDate(0);
    const last = end.toISOString().slice(0, 10);
    const from = filters.from !== null && filters.from > first ? filters.from : first;
    const to = filters.to !== null && filters.to < last ? filters.to : last;
    if (from > to) return 0;
    narrowed = { ...filters, from, to };
  }
  const [row] = await db.$queryRaw<Array<{ n: unknown }>>(Prisma.sql`
    SELECT COALESCE(SUM(f.orders), 0)::bigint AS n
    FROM (${salesFacts(scope, narrowed, chooseSource(narrowed, options))}) f
    WHERE f.model_name = ${model}${trim !== null ? Prisma.sql` AND f.trim = ${trim}` : Prisma.empty}`);
  return count(row?.n ?? 0);
}

/** The cursor's value as the URL carries it: dates as YYYY-MM-DD, amounts with two decimals. */
function sortValue(sort: OrderSort, text: string): string {
  return sort === "date" ? text : money(text);
}
