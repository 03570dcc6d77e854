// The eight warehouse tables as the CSV import sees them: column types and the
// rules of the data contract (../shared/DATA_CONTRACT.md), written as SQL
// expressions over the staged text so that every broken row can be named.

import { TABLE_COLUMNS, TABLE_NAMES, type TableName } from "../../datagen/tables";

export type ColumnType =
  | { kind: "int" }
  | { kind: "bigint" }
  | { kind: "text" }
  | { kind: "vin" }
  | { kind: "numeric"; precision: number; scale: number }
  | { kind: "date" }
  | { kind: "timestamptz" }
  | { kind: "enum"; values: readonly string[] };

export type CheckRule = { column: string; sql: string; reason: string };
export type ForeignKey = { column: string; parent: TableName; parentColumn: string };

export type TableSpec = {
  table: TableName;
  columns: readonly string[];
  types: Readonly<Record<string, ColumnType>>;
  primaryKey: readonly string[];
  /** Single-column unique keys other than the primary key. */
  unique: readonly string[];
  checks: readonly CheckRule[];
  foreignKeys: readonly ForeignKey[];
};

const INT = { kind: "int" } as const;
const BIGINT = { kind: "bigint" } as const;
const TEXT = { kind: "text" } as const;
const MONEY = { kind: "numeric", precision: 12, scale: 2 } as const;
const DATE = { kind: "date" } as const;
const TIMESTAMP = { kind: "timestamptz" } as const;

const nonNegative = (column: string): CheckRule => ({ column, sql: `${column} >= 0`, reason: "must not be negative" });
const positive = (column: string): CheckRule => ({ column, sql: `${column} > 0`, reason: "must be greater than 0" });

export const TABLE_SPECS: Readonly<Record<TableName, TableSpec>> = {
  plants: {
    table: "plants",
    columns: TABLE_COLUMNS.plants,
    types: { plant_id: INT, name: TEXT, city: TEXT, country: TEXT, annual_capacity: INT },
    primaryKey: ["plant_id"],
    unique: ["name"],
    checks: [positive("annual_capacity")],
    foreignKeys: [],
  },
  suppliers: {
    table: "suppliers",
    columns: TABLE_COLUMNS.suppliers,
    types: { supplier_id: INT, name: TEXT, country: TEXT, quality_rating: { kind: "numeric", precision: 3, scale: 2 } },
    primaryKey: ["supplier_id"],
    unique: ["name"],
    checks: [{ column: "quality_rating", sql: "quality_rating BETWEEN 0 AND 5", reason: "must be between 0 and 5" }],
    foreignKeys: [],
  },
  parts: {
    table: "parts",
    columns: TABLE_COLUMNS.parts,
    types: { part_id: INT, part_number: TEXT, name: TEXT, category: TEXT, supplier_id: INT, cost: MONEY },
    primaryKey: ["part_id"],
    unique: ["part_number"],
    checks: [nonNegative("cost")],
    foreignKeys: [{ column: "supplier_id", parent: "suppliers", parentColumn: "supplier_id" }],
  },
  inventory: {
    table: "inventory",
    columns: TABLE_COLUMNS.inventory,
    types: { plant_id: INT, part_id: INT, quantity: INT, reorder_point: INT, updated_at: TIMESTAMP },
    primaryKey: ["plant_id", "part_id"],
    unique: [],
    checks: [nonNegative("quantity"), nonNegative("reorder_point")],
    foreignKeys: [
      { column: "plant_id", parent: "plants", parentColumn: "plant_id" },
      { column: "part_id", parent: "parts", parentColumn: "part_id" },
    ],
  },
  vehicles: {
    table: "vehicles",
    columns: TABLE_COLUMNS.vehicles,
    types: {
      vin: { kind: "vin" },
      model_name: TEXT,
      trim: TEXT,
      color: TEXT,
      battery_kwh: { kind: "numeric", precision: 5, scale: 1 },
      plant_id: INT,
      manufacture_date: DATE,
      msrp: MONEY,
    },
    primaryKey: ["vin"],
    unique: [],
    checks: [positive("msrp")],
    foreignKeys: [{ column: "plant_id", parent: "plants", parentColumn: "plant_id" }],
  },
  customers: {
    table: "customers",
    columns: TABLE_COLUMNS.customers,
    types: {
      customer_id: INT,
      name: TEXT,
      email: TEXT,
      region: TEXT,
      segment: { kind: "enum", values: ["retail", "fleet"] },
      created_at: TIMESTAMP,
    },
    primaryKey: ["customer_id"],
    unique: ["email"],
    checks: [],
    foreignKeys: [],
  },
  salesorders: {
    table: "salesorders",
    columns: TABLE_COLUMNS.salesorders,
    types: {
      order_id: BIGINT,
      vin: { kind: "vin" },
      customer_id: INT,
      sale_date: DATE,
      sale_price: MONEY,
      channel: { kind: "enum", values: ["online", "dealer", "fleet"] },
    },
    primaryKey: ["order_id"],
    unique: ["vin"],
    checks: [positive("sale_price")],
    foreignKeys: [
      { column: "vin", parent: "vehicles", parentColumn: "vin" },
      { column: "customer_id", parent: "customers", parentColumn: "customer_id" },
    ],
  },
  servicerecords: {
    table: "servicerecords",
    columns: TABLE_COLUMNS.servicerecords,
    types: {
      service_id: BIGINT,
      vin: { kind: "vin" },
      service_date: DATE,
      service_type: { kind: "enum", values: ["scheduled", "repair", "recall", "warranty"] },
      odometer_km: INT,
      cost: MONEY,
      description: TEXT,
    },
    primaryKey: ["service_id"],
    unique: [],
    checks: [nonNegative("odometer_km"), nonNegative("cost")],
    foreignKeys: [{ column: "vin", parent: "vehicles", parentColumn: "vin" }],
  },
};

for (const table of TABLE_NAMES) {
  const spec = TABLE_SPECS[table];
  for (const column of spec.columns) if (!spec.types[column]) throw new Error(`no import type for ${table}.${column}`);
}

/** The SQL type a staged text value is cast to. */
export function sqlType(type: ColumnType): string {
  switch (type.kind) {
    case "int":
      return "integer";
    case "bigint":
      return "bigint";
    case "text":
    case "enum":
      return "text";
    case "vin":
      return "char(17)";
    case "numeric":
      return `numeric(${type.precision},${type.scale})`;
    case "date":
      return "date";
    case "timestamptz":
      return "timestamptz";
  }
}

/** What a valid value looks like, for messages. */
export function describeType(type: ColumnType): string {
  switch (type.kind) {
    case "int":
      return "an integer";
    case "bigint":
      return "an integer";
    case "text":
      return "text";
    case "vin":
      return "a VIN: 17 characters of A-H, J-N, P, R-Z, 0-9";
    case "numeric": {
      const before = type.precision - type.scale;
      return `a number with at most ${before} digit${before === 1 ? "" : "s"} before the point and ${type.scale} after it (a dot as separator)`;
    }
    case "date":
      return "a date as YYYY-MM-DD";
    case "timestamptz":
      return "an ISO 8601 timestamp (YYYY-MM-DDTHH:MM:SS with an optional fraction and Z or ±HH:MM)";
    case "enum":
      return `one of ${type.values.join(", ")}`;
  }
}

const DATE_RE = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
const TIME_RE = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?";
const ZONE_RE = "(Z|z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)?";

/** A quoted SQL string literal. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The day part of `expr` (a string starting YYYY-MM-DD) exists in the calendar. */
function dayExists(expr: string): string {
  return (
    `(substr(${expr}, 1, 4) <> '0000' AND substr(${expr}, 9, 2)::int <= ` +
    `extract(day from make_date(substr(${expr}, 1, 4)::int, substr(${expr}, 6, 2)::int, 1) + interval '1 month' - interval '1 day'))`
  );
}

/**
 * A boolean SQL expression: the non-null text `expr` is a valid value of
 * `type`, so that the cast to `sqlType(type)` succeeds and loses nothing.
 * Written with CASE so that the casts only run after the pattern matched.
 */
export function validExpression(expr: string, type: ColumnType): string {
  switch (type.kind) {
    case "int":
      return `CASE WHEN ${expr} ~ '^[+-]?[0-9]{1,10}$' THEN ${expr}::bigint BETWEEN -2147483648 AND 2147483647 ELSE false END`;
    case "bigint":
      return `CASE WHEN ${expr} ~ '^[+-]?[0-9]{1,19}$' THEN ${expr}::numeric BETWEEN -9223372036854775808 AND 9223372036854775807 ELSE false END`;
    case "text":
      return "true";
    case "vin":
      return `${expr} ~ '^[A-HJ-NPR-Z0-9]{17}$'`;
    case "numeric": {
      const before = type.precision - type.scale;
      return `${expr} ~ '^[+-]?[0-9]{1,${before}}(\\.[0-9]{1,${type.scale}})?$'`;
    }
    case "date":
      return `CASE WHEN ${expr} ~ '^${DATE_RE}$' THEN ${dayExists(expr)} ELSE false END`;
    case "timestamptz":
      return `CASE WHEN ${expr} ~ '^${DATE_RE}[T ]${TIME_RE}${ZONE_RE}$' THEN ${dayExists(expr)} ELSE false END`;
    case "enum":
      return `${expr} IN (${type.values.map(literal).join(", ")})`;
  }
}

/**
 * The cheap form check of the fast path: patterns that catch what a cast would
 * accept silently (extra decimals rounded away, dates in other styles), or
 * null when the cast itself (or a constraint) already refuses every bad value.
 */
export function formatPattern(type: ColumnType): string | null {
  switch (type.kind) {
    case "numeric": {
      const before = type.precision - type.scale;
      return `^[+-]?[0-9]{1,${before}}(\\.[0-9]{1,${type.scale}})?$`;
    }
    case "date":
      return `^${DATE_RE}$`;
    case "timestamptz":
      return `^${DATE_RE}[T ]${TIME_RE}${ZONE_RE}$`;
    case "int":
    case "bigint":
      return "^[+-]?[0-9]+$";
    default:
      return null;
  }
}
