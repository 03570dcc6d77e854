import type { Database, SqlRunner } from "../db/open";

/**
 * Recording the sale of a vehicle: one row in `salesorders`, in one
 * transaction, with its id from `salesorders_order_id_seq`. The database keeps
 * the rules (a VIN is sold once, the sale is on or after the day the vehicle
 * was built, known vehicle and customer); this module turns its refusals into
 * clear errors.
 */

export const SALE_CHANNELS = ["online", "dealer", "fleet"] as const;
export type SaleChannel = (typeof SALE_CHANNELS)[number];

export type SaleInput = {
  vin: string;
  customerId: number;
  /** YYYY-MM-DD */
  saleDate: string;
  /** Decimal string with at most two decimals, > 0 (money stays exact). */
  salePrice: string;
  channel: SaleChannel;
};

export type RecordedSale = {
  orderId: string;
  vin: string;
  customerId: number;
  saleDate: string;
  salePrice: string;
  channel: SaleChannel;
  modelName: string;
};

export type SaleErrorCode = "already_sold" | "unknown_vehicle" | "unknown_customer" | "before_manufacture" | "invalid";

const STATUS: Record<SaleErrorCode, number> = {
  already_sold: 409,
  unknown_vehicle: 404,
  unknown_customer: 404,
  before_manufacture: 400,
  invalid: 400,
};

export class SaleError extends Error {
  readonly status: number;
  constructor(
    readonly code: SaleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SaleError";
    this.status = STATUS[code];
  }
}

type PgError = { code?: string; constraint?: string; message?: string };

function translate(error: unknown, input: SaleInput): unknown {
  if (error instanceof SaleError) return error;
  const { code, constraint = "", message = "" } = (error ?? {}) as PgError;
  if (code === "23505" && (constraint === "salesorders_vin_key" || message.includes("salesorders_vin_key"))) {
    return new SaleError("already_sold", `Vehicle ${input.vin} has already been sold.`);
  }
  if (code === "23503") {
    if (constraint.includes("customer") || message.includes("customer")) return new SaleError("unknown_customer", `There is no customer ${input.customerId}.`);
    return new SaleError("unknown_vehicle", `There is no vehicle with VIN ${input.vin}.`);
  }
  if (code === "23514" && (constraint === "salesorders_sale_date_check" || message.includes("manufacture_date"))) {
    return new SaleError("before_manufacture", `The sale date ${input.saleDate} is before vehicle ${input.vin} was built.`);
  }
  if (code === "23514") return new SaleError("invalid", "The sale breaks a rule of the sales table (price must be above 0, channel online, dealer or fleet).");
  if (code === "22003" || code === "22007" || code === "22008") return new SaleError("invalid", "The price or the date is out of range.");
  return error;
}

async function insertSale(tx: SqlRunner, input: SaleInput): Promise<RecordedSale> {
  const rows = await tx.query<{ order_id: string; sale_date: string; sale_price: string; model_name: string }>(
    `WITH ins AS (
       INSERT INTO salesorders (order_id, vin, customer_id, sale_date, sale_price, channel)
       VALUES (nextval('salesorders_order_id_seq'), $1, $2, $3::date, $4::numeric, $5)
       RETURNING order_id, vin, sale_date, sale_price
     )
     SELECT ins.order_id::text AS order_id, to_char(ins.sale_date, 'YYYY-MM-DD') AS sale_date,
            ins.sale_price::text AS sale_price, v.model_name
     FROM ins JOIN vehicles v ON v.vin = ins.vin`,
    [input.vin, input.customerId, input.saleDate, input.salePrice, input.channel],
  );
  const row = rows[0]!;
  return {
    orderId: row.order_id,
    vin: input.vin,
    customerId: input.customerId,
    saleDate: row.sale_date,
    salePrice: row.sale_price,
    channel: input.channel,
    modelName: row.model_name,
  };
}

/**
 * Records a sale. The order id comes from the sequence; if bulk loads with
 * explicit ids left the sequence behind, it is moved past the largest id and
 * the insert retried (under a savepoint, in the same transaction).
 */
export async function recordSale(db: Pick<Database, "transaction">, input: SaleInput): Promise<RecordedSale> {
  try {
    return await db.transaction(async (tx) => {
      for (let attempt = 0; ; attempt++) {
        await tx.exec("SAVEPOINT record_sale");
        try {
          const sale = await insertSale(tx, input);
          await tx.exec("RELEASE SAVEPOINT record_sale");
          return sale;
        } catch (error) {
          const { code, constraint = "", message = "" } = (error ?? {}) as PgError;
          const idTaken = code === "23505" && (constraint === "salesorders_pkey" || message.includes("salesorders_pkey"));
          if (!idTaken || attempt >= 4) throw error;
          await tx.exec("ROLLBACK TO SAVEPOINT record_sale");
          // Forward only: never rewinds past ids that concurrent transactions hold.
          await tx.query(
            `SELECT setval('salesorders_order_id_seq', GREATEST((SELECT COALESCE(MAX(order_id), 0) FROM salesorders), (SELECT last_value FROM salesorders_order_id_seq)))`,
          );
        }
      }
    });
  } catch (error) {
    throw translate(error, input);
  }
}

/** Moves the order id sequence past the loaded ids (after a bulk load with explicit ids). */
export async function syncOrderIdSequence(db: Pick<Database, "query">): Promise<void> {
  await db.query(`SELECT setval('salesorders_order_id_seq', (SELECT COALESCE(MAX(order_id), 0) + 1 FROM salesorders), false)`);
}
