import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { generateData } from "@/lib/datagen";
import { fetchMonthlyRevenue } from "@/lib/kpi/monthly-revenue";
import { fetchRevenueByModel } from "@/lib/kpi/revenue-by-model";
import { recordSale, SaleError } from "@/lib/ops/sales";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";

const ALL = { kind: "all" } as const;

/** Exact decimal difference of two money strings, in cents. */
const cents = (s: string | undefined) => {
  if (!s) return 0n;
  const [whole, frac = ""] = s.split(".");
  return BigInt(whole!) * 100n + BigInt((frac + "00").slice(0, 2)) * (whole!.startsWith("-") ? -1n : 1n);
};

describe.each(availableEngines())("recording sales (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;
  let vehicle: { vin: string; model_name: string; manufacture_date: string };
  let customerId: number;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await generateData(db, { scale: 0.02, seed: 7 });
    // An unsold vehicle: the generator leaves some vehicles unsold.
    const [v] = await db.query<{ vin: string; model_name: string; manufacture_date: string }>(
      `SELECT v.vin, v.model_name, to_char(v.manufacture_date, 'YYYY-MM-DD') AS manufacture_date
       FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin) ORDER BY v.vin LIMIT 1`,
    );
    vehicle = v!;
    const [c] = await db.query<{ customer_id: number }>(`SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1`);
    customerId = Number(c!.customer_id);
  }, 120_000);
  afterAll(async () => close?.());

  it("a sale grows monthly revenue and revenue by model by exactly its price", async () => {
    expect(vehicle).toBeDefined();
    const saleDate = "2030-06-15";
    const before = { months: await fetchMonthlyRevenue(db.prisma, ALL), models: await fetchRevenueByModel(db.prisma, ALL) };
    const [{ max }] = (await db.query<{ max: string }>(`SELECT MAX(order_id)::text AS max FROM salesorders`)) as [{ max: string }];

    const sale = await recordSale(db, { vin: vehicle.vin, customerId, saleDate, salePrice: "45999.99", channel: "online" });
    expect(sale).toMatchObject({ vin: vehicle.vin, salePrice: "45999.99", saleDate, modelName: vehicle.model_name });
    // The sequence started below the loaded ids; the order still got a fresh one.
    expect(BigInt(sale.orderId)).toBeGreaterThan(BigInt(max));

    const after = { months: await fetchMonthlyRevenue(db.prisma, ALL), models: await fetchRevenueByModel(db.prisma, ALL) };
    const month = (rows: typeof before.months) => rows.find((r) => r.month_year === "2030-06")?.total_revenue;
    expect(cents(month(after.months)) - cents(month(before.months))).toBe(4599999n);
    const model = (rows: typeof before.models) => rows.find((r) => r.model_name === vehicle.model_name);
    expect(cents(model(after.models)?.total_revenue) - cents(model(before.models)?.total_revenue)).toBe(4599999n);
    expect((model(after.models)?.units_sold ?? 0) - (model(before.models)?.units_sold ?? 0)).toBe(1);
    // Every other month is unchanged.
    const others = (rows: typeof before.months) => rows.filter((r) => r.month_year !== "2030-06");
    expect(others(after.months)).toEqual(others(before.months));

    // The same VIN again: a conflict, and nothing changes.
    const again = await recordSale(db, { vin: vehicle.vin, customerId, saleDate, salePrice: "1.00", channel: "dealer" }).catch((e) => e);
    expect(again).toBeInstanceOf(SaleError);
    expect(again.code).toBe("already_sold");
    expect(again.status).toBe(409);
    expect(await fetchMonthlyRevenue(db.prisma, ALL)).toEqual(after.months);
    expect(await fetchRevenueByModel(db.prisma, ALL)).toEqual(after.models);
  });

  it("unknown vehicle or customer, and a sale before manufacture, are clear errors", async () => {
    const [v] = await db.query<{ vin: string; d: string }>(
      `SELECT v.vin, to_char(v.manufacture_date - 1, 'YYYY-MM-DD') AS d FROM vehicles v
       WHERE NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin) ORDER BY v.vin DESC LIMIT 1`,
    );
    const [{ n }] = (await db.query<{ n: string }>(`SELECT COUNT(*)::text AS n FROM salesorders`)) as [{ n: string }];
    const unknownVin = await recordSale(db, { vin: "00000000000000000", customerId, saleDate: "2030-01-01", salePrice: "100", channel: "online" }).catch((e) => e);
    expect(unknownVin.code).toBe("unknown_vehicle");
    expect(unknownVin.status).toBe(404);
    const unknownCustomer = await recordSale(db, { vin: v!.vin, customerId: 99_999_999, saleDate: "2030-01-01", salePrice: "100", channel: "online" }).catch((e) => e);
    expect(unknownCustomer.code).toBe("unknown_customer");
    const early = await recordSale(db, { vin: v!.vin, customerId, saleDate: v!.d, salePrice: "100", channel: "online" }).catch((e) => e);
    expect(early.code).toBe("before_manufacture");
    expect(early.message).toContain("before");
    const [{ n: n2 }] = (await db.query<{ n: string }>(`SELECT COUNT(*)::text AS n FROM salesorders`)) as [{ n: string }];
    expect(n2).toBe(n);
  });

  it("concurrent sales of different vehicles get distinct order ids; of one vehicle, exactly one succeeds", async () => {
    const vins = await db.query<{ vin: string }>(
      `SELECT v.vin FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM salesorders s WHERE s.vin = v.vin)
         AND v.manufacture_date <= DATE '2030-01-01' ORDER BY v.vin LIMIT 6`,
    );
    const sales = await Promise.all(vins.slice(0, 5).map((v) => recordSale(db, { vin: v.vin, customerId, saleDate: "2030-01-02", salePrice: "30000", channel: "dealer" })));
    expect(new Set(sales.map((s) => s.orderId)).size).toBe(5);
    const last = vins[5]!.vin;
    const racing = await Promise.allSettled(Array.from({ length: 4 }, () => recordSale(db, { vin: last, customerId, saleDate: "2030-01-02", salePrice: "30000", channel: "fleet" })));
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(racing.filter((r) => r.status === "rejected" && (r.reason as SaleError).code === "already_sold")).toHaveLength(3);
  });
});
