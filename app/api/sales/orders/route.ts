import { revalidatePath } from "next/cache";
import { noteDataChanged } from "@/lib/cache/results";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withPermission } from "@/lib/access/guard";
import { clientIp, recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { recordSale, SALE_CHANNELS, SaleError } from "@/lib/ops/sales";

const saleSchema = z.strictObject({
  vin: z
    .string({ error: "Must be a 17-character VIN." })
    .trim()
    .toUpperCase()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/, "Must be 17 characters of A-H, J-N, P, R-Z and 0-9."),
  customerId: z.number({ error: "Must be a number." }).int("Must be a whole number.").positive("Must be positive.").max(2_147_483_647, "Too large."),
  saleDate: z
    .string({ error: "Must be a date (YYYY-MM-DD)." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Must be a date (YYYY-MM-DD).")
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= "2000-01-01" && s <= "2100-12-31";
    }, "Must be a real date between 2000 and 2100."),
  // Money as a decimal string (or a number with at most two decimals): never a float in the database.
  salePrice: z
    .union([z.string(), z.number()], { error: "Must be an amount such as 45999.00." })
    .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
    .refine((s) => /^\d{1,10}(\.\d{1,2})?$/.test(s), "Must be an amount with at most two decimals, such as 45999.00.")
    .refine((s) => Number(s) > 0, "Must be more than 0."),
  channel: z.enum(SALE_CHANNELS, { error: `Must be one of ${SALE_CHANNELS.join(", ")}.` }),
});

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "";
    (out[key] ??= []).push(issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message);
  }
  return out;
}

/** POST /api/sales/orders — record the sale of a vehicle. */
export const POST = withPermission("orders:record", async (request, { actor }) => {
  let raw: unknown;
  try {
    raw = JSON.parse(await request.text());
  } catch {
    return NextResponse.json({ error: "The request body must be JSON." }, { status: 400 });
  }
  const parsed = saleSchema.safeParse(raw);
  if (!parsed.success) return NextResponse.json({ error: "The sale is not valid.", fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const sale = await recordSale(await getDb(), parsed.data);
    await recordAudit({ action: "order.record", actor, target: parsed.data.vin, details: { sale }, ip: clientIp(request.headers) });
    noteDataChanged(["salesorders"]);
    revalidatePath("/revenue");
    revalidatePath("/models");
    return NextResponse.json(sale, { status: 201 });
  } catch (error) {
    if (error instanceof SaleError) return NextResponse.json({ error: error.message, code: error.code }, { status: error.status });
    console.error("[volta] recording a sale failed:", error);
    return NextResponse.json({ error: "Could not record the sale: the database did not answer as expected. Nothing was changed." }, { status: 500 });
  }
});

/** GET /api/sales/orders?limit= — the most recently recorded orders (highest order id first). */
export const GET = withPermission("orders:record", async (request) => {
  const raw = new URL(request.url).searchParams.get("limit") ?? "20";
  if (!/^[1-9]\d{0,2}$/.test(raw)) return NextResponse.json({ error: "limit must be a whole number from 1 to 999." }, { status: 400 });
  const orders = await (await getDb()).query(
    `SELECT order_id::text AS "orderId", vin, customer_id AS "customerId", to_char(sale_date, 'YYYY-MM-DD') AS "saleDate",
            sale_price::text AS "salePrice", channel
     FROM salesorders ORDER BY order_id DESC LIMIT $1`,
    [Number(raw)],
  );
  return NextResponse.json({ orders });
});
