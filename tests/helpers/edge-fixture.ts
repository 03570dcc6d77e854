import type { SqlRunner } from "@/lib/db/open";

/**
 * Orders of one model of its own ("Edge Model", plant 903) on the edges of months
 * and years, around Feb 29, 2024. Its figures are small enough to add up by hand:
 *
 *   sale_date    price    channel  customer (region, segment)   msrp      built
 *   2024-01-31   100.10   online   Edge North, retail           1000.00   2023-12-31
 *   2024-02-01   200.20   dealer   Edge South, retail           1000.00   2024-01-31
 *   2024-02-29   300.30   fleet    Edge North, fleet            1000.00   2024-02-01
 *   2024-12-31   700.70   dealer   Edge North, retail           1000.00   2024-02-29
 *   2025-01-01   600.60   online   Edge South, retail            800.00   2024-12-31
 *   2025-02-28   400.40   online   Edge North, retail            500.00   2025-01-01
 *   2025-03-01   500.50   dealer   Edge South, fleet             400.00   2025-02-28
 *   (unsold)                                                     900.00   2025-03-01
 */
export const EDGE_MODEL = "Edge Model";
export const EDGE_PLANT = 903;

export async function insertEdgeFixture(db: SqlRunner): Promise<void> {
  await db.exec(`
    INSERT INTO plants (plant_id, name, city, country, annual_capacity) VALUES (903, 'Edge Plant', 'Quito', 'Ecuador', 100);
    INSERT INTO vehicles (vin, model_name, trim, color, battery_kwh, plant_id, manufacture_date, msrp) VALUES
      ('EDGE0000000000001', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2023-12-31', 1000.00),
      ('EDGE0000000000002', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2024-01-31', 1000.00),
      ('EDGE0000000000003', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2024-02-01', 1000.00),
      ('EDGE0000000000004', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2024-02-29', 1000.00),
      ('EDGE0000000000005', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2024-12-31', 800.00),
      ('EDGE0000000000006', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2025-01-01', 500.00),
      ('EDGE0000000000007', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2025-02-28', 400.00),
      ('EDGE0000000000008', 'Edge Model', 'Base', 'Grey', 50.0, 903, '2025-03-01', 900.00);
    INSERT INTO customers (customer_id, name, email, region, segment) VALUES
      (9000951, 'Edge Retail North', 'retail.north@edge.example', 'Edge North', 'retail'),
      (9000952, 'Edge Retail South', 'retail.south@edge.example', 'Edge South', 'retail'),
      (9000953, 'Edge Fleet North', 'fleet.north@edge.example', 'Edge North', 'fleet'),
      (9000954, 'Edge Fleet South', 'fleet.south@edge.example', 'Edge South', 'fleet');
    INSERT INTO salesorders (order_id, vin, customer_id, sale_date, sale_price, channel) VALUES
      (900000951, 'EDGE0000000000001', 9000951, '2024-01-31', 100.10, 'online'),
      (900000952, 'EDGE0000000000002', 9000952, '2024-02-01', 200.20, 'dealer'),
      (900000953, 'EDGE0000000000003', 9000953, '2024-02-29', 300.30, 'fleet'),
      (900000954, 'EDGE0000000000004', 9000951, '2024-12-31', 700.70, 'dealer'),
      (900000955, 'EDGE0000000000005', 9000952, '2025-01-01', 600.60, 'online'),
      (900000956, 'EDGE0000000000006', 9000951, '2025-02-28', 400.40, 'online'),
      (900000957, 'EDGE0000000000007', 9000954, '2025-03-01', 500.50, 'dealer');
  `);
}
