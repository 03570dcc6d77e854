import type { FilterError } from "./index";

/**
 * URL parts of the model drill-down: the model in the path and the order list's
 * own parameters (the breakdown clicked, sort order, keyset cursor). Pure and
 * shared by the pages and their tests; every problem names its parameter.
 */
export const ORDER_SORTS = ["date", "price", "discount"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export type SortDir = "asc" | "desc";

export const SORT_LABELS: Readonly<Record<OrderSort, string>> = { date: "Sale date", price: "Price", discount: "Discount" };

/** Where a page of orders starts: strictly after (next page) or before (previous page) a row's sort key. */
export type OrderCursor = { direction: "after" | "before"; value: string; orderId: string };

export type OrderListParams = {
  trim: string | null;
  /** YYYY-MM: orders sold in that calendar month. */
  month: string | null;
  sort: OrderSort;
  dir: SortDir;
  cursor: OrderCursor | null;
};

/** The params of the order list that are not page filters, in the order links write them. */
export const ORDER_LIST_PARAMS = ["trim", "month", "sort", "dir", "after", "before"] as const;

const MAX_TEXT = 80;
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

/** A model name from the path segment (Next passes it decoded or not, depending on characters): null if malformed. */
export function parseModelSegment(raw: string): string | null {
  let value = raw;
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  value = value.trim();
  if (value.length === 0 || value.length > MAX_TEXT || !PRINTABLE.test(value)) return null;
  return value;
}

/** The model page's path for `model` (encoded once). */
export function modelPath(model: string): string {
  return `/models/${encodeURIComponent(model)}`;
}

type Params = URLSearchParams;

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const MONEY = /^-?\d{1,13}(\.\d{1,2})?$/;
const ORDER_ID = /^[1-9]\d{0,17}$/;

/** A cursor `<sort value>_<order id>`: a date (sort=date) or an amount (price, discount). */
export function parseCursor(raw: string, sort: OrderSort): { value: string; orderId: string } | string {
  const at = raw.lastIndexOf("_");
  if (at <= 0) return "is not a page position (expected <value>_<order id>)";
  const value = raw.slice(0, at);
  const orderId = raw.slice(at + 1);
  if (!ORDER_ID.test(orderId)) return "does not end in an order id";
  if (sort === "date" ? !isCalendarDate(value) : !MONEY.test(value)) {
    return `does not start with a ${sort === "date" ? "sale date (YYYY-MM-DD)" : "amount"}, as sort=${sort} needs`;
  }
  return { value, orderId };
}

export function formatCursor(value: string, orderId: string): string {
  return `${value}_${orderId}`;
}

export function parseOrderListParams(params: Params): { ok: true; value: OrderListParams } | { ok: false; errors: FilterError[] } {
  const errors: FilterError[] = [];
  const single = (name: string): string | undefined => {
    const values = params.getAll(name).filter((v) => v !== "");
    if (values.length > 1) errors.push({ param: name, message: "is given more than once" });
    return values[0];
  };
  const shown = (v: string) => {
    const printable = v.replace(/[\p{Cc}\p{Cf}]/gu, "?");
    return `"${printable.length > 40 ? `${printable.slice(0, 40)}…` : printable}"`;
  };

  let trim: string | null = null;
  const trimRaw = single("trim");
  if (trimRaw !== undefined) {
    const t = trimRaw.trim();
    if (t.length === 0) errors.push({ param: "trim", message: "must not be empty" });
    else if (t.length > MAX_TEXT) errors.push({ param: "trim", message: `must be at most ${MAX_TEXT} characters` });
    else if (!PRINTABLE.test(t)) errors.push({ param: "trim", message: `${shown(t)} contains control characters` });
    else trim = t;
  }

  let month: string | null = null;
  const monthRaw = single("month");
  if (monthRaw !== undefined) {
    if (!/^\d{4}-\d{2}$/.test(monthRaw) || !isCalendarDate(`${monthRaw}-01`)) {
      errors.push({ param: "month", message: `${shown(monthRaw)} must be a month written YYYY-MM` });
    } else month = monthRaw;
  }

  let sort: OrderSort = "date";
  const sortRaw = single("sort");
  if (sortRaw !== undefined) {
    if ((ORDER_SORTS as readonly string[]).includes(sortRaw)) sort = sortRaw as OrderSort;
    else errors.push({ param: "sort", message: `${shown(sortRaw)} is not one of ${ORDER_SORTS.join(", ")}` });
  }

  let dir: SortDir = "desc";
  const dirRaw = single("dir");
  if (dirRaw !== undefined) {
    if (dirRaw === "asc" || dirRaw === "desc") dir = dirRaw;
    else errors.push({ param: "dir", message: `${shown(dirRaw)} is not asc or desc` });
  }

  let cursor: OrderCursor | null = null;
  const after = single("after");
  const before = single("before");
  if (after !== undefined && before !== undefined) {
    errors.push({ param: "before", message: "cannot be given together with after" });
  } else if (after !== undefined || before !== undefined) {
    const direction = after !== undefined ? "after" : "before";
    const parsed = parseCursor((after ?? before)!, sort);
    if (typeof parsed === "string") errors.push({ param: direction, message: `${shown((after ?? before)!)} ${parsed}` });
    else cursor = { direction, ...parsed };
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { trim, month, sort, dir, cursor } };
}
