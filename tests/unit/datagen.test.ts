import { describe, expect, it } from "vitest";
import { encodeCsvLine } from "@/lib/db/copy";
import { LAST_DAY, dayOf, isoDate } from "@/lib/datagen/calendar";
import { applyBasisPoints, centsToText, csvText } from "@/lib/datagen/csv";
import { RowRandom, streamKey } from "@/lib/datagen/prng";
import { InThreadProducer, WorkerProducer } from "@/lib/datagen/producer";
import { DataGenerator, TABLE_COLUMNS, TABLE_NAMES, type TableName } from "@/lib/datagen/tables";
import { VIN_PATTERN, vinCheckDigit } from "@/lib/datagen/world";
import { validateScale, validateSeed } from "@/lib/datagen";

type Tables = Record<TableName, string[][]>;

/** Minimal RFC 4180 parser for the generator's output (quoted fields, no embedded newlines). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k] as string;
    if (quoted) {
      if (ch === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out;
}

function texts(seed: number, scale: number): Record<TableName, string> {
  const generator = new DataGenerator(seed, scale);
  const out = {} as Record<TableName, string>;
  for (const table of TABLE_NAMES) {
    out[table] = [...generator.chunks(table)].map((c) => c.text).join("");
  }
  return out;
}

function parse(text: Record<TableName, string>): Tables {
  const out = {} as Tables;
  for (const table of TABLE_NAMES) {
    out[table] = text[table]
      .split("\n")
      .filter((line) => line.length > 0)
      .map(parseCsvLine);
  }
  return out;
}

const SCALE = 0.05;
const base = texts(42, SCALE);
const rows = parse(base);
const col = (table: TableName, name: string) => {
  const k = TABLE_COLUMNS[table].indexOf(name);
  if (k < 0) throw new Error(`no column ${table}.${name}`);
  return k;
};

describe("data generator: determinism", () => {
  it("gives byte-identical tables for the same seed and scale", () => {
    const again = texts(42, SCALE);
    for (const table of TABLE_NAMES) expect(again[table], table).toBe(base[table]);
  });

  it("gives different data for a different seed", () => {
    const other = texts(43, SCALE);
    for (const table of ["suppliers", "parts", "inventory", "vehicles", "customers", "salesorders", "servicerecords"] as const) {
      expect(other[table], table).not.toBe(base[table]);
    }
    // The fixed reference data does not depend on the seed.
    expect(other.plants).toBe(base.plants);
  });

  it("produces the same chunk whatever was generated before it", () => {
    const full = new DataGenerator(7, 0.5);
    const fresh = new DataGenerator(7, 0.5);
    const pick = (g: DataGenerator, table: TableName, k: number) => [...g.chunks(table)][k]?.text;
    // Generate the tables in a different order on the second generator.
    for (const table of ["servicerecords", "salesorders", "customers", "vehicles"] as const) {
      expect(pick(fresh, table, 1), table).toBe(pick(full, table, 1));
    }
  });

  it("gives the same bytes from a worker thread as in this thread", async () => {
    const decoder = new TextDecoder();
    const collect = async (producer: InThreadProducer | WorkerProducer) => {
      const out = {} as Record<TableName, string>;
      try {
        for (const table of TABLE_NAMES) {
          let text = "";
          for await (const chunk of producer.chunks(table)) {
            text += typeof chunk.data === "string" ? chunk.data : decoder.decode(chunk.data);
          }
          out[table] = text;
        }
      } finally {
        await producer.close();
      }
      return out;
    };
    const worker = await WorkerProducer.start(42, SCALE);
    expect(worker, "the worker thread should start").toBeDefined();
    expect(await collect(worker as WorkerProducer)).toEqual(base);
    expect(await collect(new InThreadProducer(42, SCALE))).toEqual(base);
  });

  it("draws depend only on (seed, stream, row, draw)", () => {
    const a = new RowRandom(streamKey(1, "x"));
    const b = new RowRandom(streamKey(1, "x"));
    a.reset(5);
    a.next();
    const second = a.next();
    b.reset(1_000).next();
    b.reset(5);
    expect(b.at(2)).toBe(second);
    expect(b.next()).not.toBe(second);
    expect(new RowRandom(streamKey(2, "x")).reset(5).at(2)).not.toBe(second);
    expect(new RowRandom(streamKey(1, "y")).reset(5).at(2)).not.toBe(second);
  });
});

describe("data generator: rules of the data contract", () => {
  it("has every table non-empty, with the right number of columns", () => {
    for (const table of TABLE_NAMES) {
      expect(rows[table].length, table).toBeGreaterThan(0);
      for (const row of rows[table]) expect(row.length, table).toBe(TABLE_COLUMNS[table].length);
    }
    expect(rows.plants).toHaveLength(5);
    expect(rows.vehicles).toHaveLength(20_000 * SCALE);
  });

  it("makes valid, unique VINs with correct check digits", () => {
    const vins = rows.vehicles.map((r) => r[col("vehicles", "vin")] as string);
    expect(new Set(vins).size).toBe(vins.length);
    for (const vin of vins) {
      expect(vin).toMatch(VIN_PATTERN);
      expect(vinCheckDigit(vin)).toBe(vin[8]);
    }
    // Written in VIN (byte) order, as the loader expects.
    expect([...vins].sort()).toEqual(vins);
  });

  it("sells each vehicle at most once, never before it was built, and services it only after", () => {
    const built = new Map(rows.vehicles.map((r) => [r[col("vehicles", "vin")], r[col("vehicles", "manufacture_date")] as string]));
    const sold = new Map<string, string>();
    for (const order of rows.salesorders) {
      const vin = order[col("salesorders", "vin")] as string;
      const saleDate = order[col("salesorders", "sale_date")] as string;
      const madeOn = built.get(vin);
      expect(madeOn, vin).toBeDefined();
      expect(saleDate >= (madeOn as string), `${vin} sold ${saleDate}, built ${madeOn}`).toBe(true);
      expect(saleDate <= isoDate(LAST_DAY)).toBe(true);
      expect(sold.has(vin)).toBe(false);
      sold.set(vin, saleDate);
    }
    const share = sold.size / built.size;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
    for (const record of rows.servicerecords) {
      const vin = record[col("servicerecords", "vin")] as string;
      const date = record[col("servicerecords", "service_date")] as string;
      expect(date >= (built.get(vin) as string)).toBe(true);
      expect(date >= (sold.get(vin) as string), `${vin} serviced before its sale`).toBe(true);
      expect(date <= isoDate(LAST_DAY)).toBe(true);
      expect(Number(record[col("servicerecords", "odometer_km")])).toBeGreaterThanOrEqual(0);
    }
  });

  it("writes money with exactly two decimals and sale prices near list price", () => {
    const money = /^\d+\.\d{2}$/;
    const msrp = new Map(rows.vehicles.map((r) => [r[col("vehicles", "vin")], r[col("vehicles", "msrp")] as string]));
    for (const r of rows.vehicles) expect(r[col("vehicles", "msrp")]).toMatch(money);
    for (const r of rows.parts) expect(r[col("parts", "cost")]).toMatch(money);
    for (const r of rows.servicerecords) expect(r[col("servicerecords", "cost")]).toMatch(money);
    for (const r of rows.suppliers) {
      const rating = Number(r[col("suppliers", "quality_rating")]);
      expect(r[col("suppliers", "quality_rating")]).toMatch(money);
      expect(rating).toBeGreaterThanOrEqual(0);
      expect(rating).toBeLessThanOrEqual(5);
    }
    for (const r of rows.salesorders) {
      const price = r[col("salesorders", "sale_price")] as string;
      expect(price).toMatch(money);
      const factor = Number(price) / Number(msrp.get(r[col("salesorders", "vin")] as string));
      expect(factor).toBeGreaterThanOrEqual(0.895);
      expect(factor).toBeLessThanOrEqual(1.035);
    }
  });

  it("routes fleet customers through the fleet channel and keeps ids unique", () => {
    const segment = new Map(rows.customers.map((r) => [r[col("customers", "customer_id")], r[col("customers", "segment")]]));
    const emails = rows.customers.map((r) => r[col("customers", "email")]);
    expect(new Set(emails).size).toBe(emails.length);
    const ids = rows.salesorders.map((r) => Number(r[col("salesorders", "order_id")])).sort((a, b) => a - b);
    expect(ids).toEqual(ids.map((_, k) => k + 1));
    for (const r of rows.salesorders) {
      const seg = segment.get(r[col("salesorders", "customer_id")]);
      expect(seg).toBeDefined();
      expect(r[col("salesorders", "channel")] === "fleet").toBe(seg === "fleet");
    }
    const serviceIds = rows.servicerecords.map((r) => Number(r[col("servicerecords", "service_id")])).sort((a, b) => a - b);
    expect(serviceIds).toEqual(serviceIds.map((_, k) => k + 1));
    const ratio = rows.customers.length / rows.salesorders.length;
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(0.9);
    const perVehicle = rows.servicerecords.length / rows.vehicles.length;
    expect(perVehicle).toBeGreaterThan(1.5);
    expect(perVehicle).toBeLessThan(2.5);
  });

  it("opens every customer account before its first order", () => {
    const firstOrder = new Map<string, string>();
    for (const r of rows.salesorders) {
      const id = r[col("salesorders", "customer_id")] as string;
      const date = r[col("salesorders", "sale_date")] as string;
      if (!firstOrder.has(id) || date < (firstOrder.get(id) as string)) firstOrder.set(id, date);
    }
    for (const r of rows.customers) {
      const created = r[col("customers", "created_at")] as string;
      expect(created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00$/);
      expect(created.slice(0, 10) <= (firstOrder.get(r[col("customers", "customer_id")] as string) as string)).toBe(true);
    }
  });

  it("keeps stock non-negative with some lines below their reorder point", () => {
    let below = 0;
    for (const r of rows.inventory) {
      const quantity = Number(r[col("inventory", "quantity")]);
      const reorder = Number(r[col("inventory", "reorder_point")]);
      expect(quantity).toBeGreaterThanOrEqual(0);
      expect(reorder).toBeGreaterThanOrEqual(0);
      if (quantity < reorder) below += 1;
    }
    expect(below).toBeGreaterThan(0);
    expect(below).toBeLessThan(rows.inventory.length / 4);
    const numbers = rows.parts.map((r) => r[col("parts", "part_number")] as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(n).toMatch(/^VP-[A-Z]{3}-\d{5}$/);
  });

  it("builds nothing after the end of the data and grows year on year", () => {
    const perYear = new Map<string, number>();
    for (const r of rows.vehicles) {
      const date = r[col("vehicles", "manufacture_date")] as string;
      expect(date >= "2021-01-01" && date <= "2026-11-30").toBe(true);
      perYear.set(date.slice(0, 4), (perYear.get(date.slice(0, 4)) ?? 0) + 1);
    }
    const years = ["2021", "2022", "2023", "2024", "2025"].map((y) => perYear.get(y) ?? 0);
    for (let k = 1; k < years.length; k++) expect(years[k]).toBeGreaterThan(years[k - 1] as number);
  });
});

describe("data generator: helpers", () => {
  it("formats cents and applies basis points in integer arithmetic", () => {
    expect(centsToText(0)).toBe("0.00");
    expect(centsToText(5)).toBe("0.05");
    expect(centsToText(123_456)).toBe("1234.56");
    expect(applyBasisPoints(4_999_000, 9_850)).toBe(4_924_015);
    expect(applyBasisPoints(1, 5_000)).toBe(1); // half rounds up
    expect(applyBasisPoints(1, 4_999)).toBe(0);
    expect(() => centsToText(1.5)).toThrow();
  });

  it("quotes CSV text only when needed", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText("a, b")).toBe('"a, b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText("")).toBe('""');
    expect(encodeCsvLine([1, null, "x,y", "", true, 2.5])).toBe('1,,"x,y","",t,2.5\n');
  });

  it("knows the calendar", () => {
    expect(dayOf(2021, 1, 1)).toBe(0);
    expect(isoDate(LAST_DAY)).toBe("2026-11-30");
    expect(isoDate(dayOf(2024, 2, 29))).toBe("2024-02-29");
  });

  it("checks scale and seed", () => {
    expect(validateScale(0.05)).toBe(0.05);
    expect(() => validateScale(0)).toThrow();
    expect(() => validateScale(-1)).toThrow();
    expect(() => validateScale(Number.NaN)).toThrow();
    expect(validateSeed(0)).toBe(0);
    expect(() => validateSeed(1.5)).toThrow();
    expect(() => validateSeed(-1)).toThrow();
  });
});
