import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { type Filters, NO_FILTERS } from "@/lib/filters";
import { fetchInventoryValueTrend } from "@/lib/kpi/inventory-value-trend";
import { availableEngines, openMigratedTestDatabase } from "../helpers/databases";

// Ledger rows near month edges, each with its own power-of-two delta, so a
// month's net change names exactly the rows that fell into it. The expected
// business month of each instant is written out by hand per zone (and checked
// against Intl below). 2026: US daylight time from 8 March to 1 November
// (06:00Z), EU summer time from 29 March to 25 October.
const ROWS: Array<{ at: string; delta: number; months: Record<string, string> }> = [
  // Berlin: after its 29 March change, UTC+2 puts 22:30Z already in April (in winter time it would still be March).
  { at: "2026-03-31T22:30:00Z", delta: 1, months: { UTC: "2026-03", "Europe/Berlin": "2026-04", "America/New_York": "2026-03" } },
  { at: "2026-03-31T23:30:00Z", delta: 2, months: { UTC: "2026-03", "Europe/Berlin": "2026-04", "America/New_York": "2026-03" } },
  { at: "2026-03-31T21:59:59Z", delta: 4, months: { UTC: "2026-03", "Europe/Berlin": "2026-03", "America/New_York": "2026-03" } },
  // February's end: Berlin (UTC+1) is in March, New York (UTC−5, before its change) still in February.
  { at: "2026-02-28T23:30:00Z", delta: 8, months: { UTC: "2026-02", "Europe/Berlin": "2026-03", "America/New_York": "2026-02" } },
  { at: "2026-03-01T04:30:00Z", delta: 16, months: { UTC: "2026-03", "Europe/Berlin": "2026-03", "America/New_York": "2026-02" } },
  // New York's fall back on 1 November at 06:00Z: 03:30Z is 23:30 EDT on 31 October, 04:30Z is 00:30 EDT on 1 November
  // (under standard time both would still be October).
  { at: "2026-11-01T03:30:00Z", delta: 32, months: { UTC: "2026-11", "Europe/Berlin": "2026-11", "America/New_York": "2026-10" } },
  { at: "2026-11-01T04:30:00Z", delta: 64, months: { UTC: "2026-11", "Europe/Berlin": "2026-11", "America/New_York": "2026-11" } },
  // Berlin after its 25 October change is UTC+1: 22:30Z on 31 October is 23:30, still October (in summer time it would be November).
  { at: "2026-10-31T22:30:00Z", delta: 128, months: { UTC: "2026-10", "Europe/Berlin": "2026-10", "America/New_York": "2026-10" } },
  // New Year: Berlin is in 2027, UTC and New York in December.
  { at: "2026-12-31T23:30:00Z", delta: 256, months: { UTC: "2026-12", "Europe/Berlin": "2027-01", "America/New_York": "2026-12" } },
];

const ZONES = ["UTC", "Europe/Berlin", "America/New_York"];
const RANGE: Filters = { ...NO_FILTERS, range: "custom", from: "2026-01-01", to: "2027-01-31" };
const NOW = new Date("2027-01-20T12:00:00Z");

function intlMonth(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).format(new Date(at)).slice(0, 7);
}

describe.each(availableEngines())("month buckets of the stock ledger in the business time zone (%s)", (engine) => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedTestDatabase(engine));
    await db.exec(`
      INSERT INTO plants (plant_id, name, city, country, annual_capacity) VALUES (1, 'Zone Plant', 'Berlin', 'Germany', 1000);
      INSERT INTO suppliers (supplier_id, name, country, quality_rating) VALUES (1, 'Zone Supplier', 'Germany', 4.00);
      INSERT INTO parts (part_id, part_number, name, category, supplier_id, cost) VALUES (1, 'TZ-1', 'Part', 'chassis', 1, 1.00);
      INSERT INTO inventory (plant_id, part_id, quantity, reorder_point) VALUES (1, 1, 1000, 0);
    `);
    for (const row of ROWS) {
      await db.query("INSERT INTO stock_movements (at, plant_id, part_id, kind, quantity_delta) VALUES ($1::timestamptz, 1, 1, 'receive', $2)", [row.at, row.delta]);
    }
  });
  afterAll(async () => close?.());

  it("the hand-written expectations agree with the platform's time-zone rules", () => {
    for (const row of ROWS) for (const zone of ZONES) expect(intlMonth(row.at, zone), `${row.at} in ${zone}`).toBe(row.months[zone]);
  });

  for (const zone of ZONES) {
    it(`each ledger row lands in its business month in ${zone}, and end-of-month values follow`, async () => {
      const rows = await fetchInventoryValueTrend(db.prisma, { kind: "all" }, RANGE, { timeZone: zone, now: NOW });
      expect(rows.map((r) => r.month_year)).toEqual([...Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, "0")}`), "2027-01"]);
      let later = 0; // deltas after the month, summed from the end
      const expectedEnd = new Map<string, number>();
      for (const r of [...rows].reverse()) {
        expectedEnd.set(r.month_year, 1000 - later);
        later += ROWS.filter((x) => x.months[zone] === r.month_year).reduce((n, x) => n + x.delta, 0);
      }
      for (const r of rows) {
        const inMonth = ROWS.filter((x) => x.months[zone] === r.month_year);
        expect({ month: r.month_year, change: r.value_change, movements: r.movements }).toEqual({
          month: r.month_year,
          change: `${inMonth.reduce((n, x) => n + x.delta, 0)}.00`,
          movements: inMonth.length,
        });
        expect(r.inventory_value, r.month_year).toBe(`${expectedEnd.get(r.month_year)}.00`);
      }
    });
  }

  it("does not depend on the database session's time zone", async () => {
    const expected = await fetchInventoryValueTrend(db.prisma, { kind: "all" }, RANGE, { timeZone: "America/New_York", now: NOW });
    const underAuckland = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL TIME ZONE 'Pacific/Auckland'");
      return fetchInventoryValueTrend(tx, { kind: "all" }, RANGE, { timeZone: "America/New_York", now: NOW });
    });
    expect(underAuckland).toEqual(expected);
  });
});
