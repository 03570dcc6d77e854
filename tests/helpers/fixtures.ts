import type { SqlRunner } from "@/lib/db/open";

/**
 * A small hand-made data set whose sums are easy to get wrong in floating point
 * (0.10 + 0.20, many .x5 cents) and that crosses month and year edges.
 */
export async function insertTrickyFixture(db: SqlRunner): Promise<void> {
  await db.exec(`
    INSERT INTO plants (plant_id, name, city, country, annual_capacity) VALUES
      (901, 'Fixture Plant North', 'Oslo', 'Norway', 1000),
      (902, 'Fixture Plant South', 'Seville', 'Spain', 2000);
    INSERT INTO suppliers (supplier_id, name, country, quality_rating) VALUES (901, 'Fixture Supplies', 'Norway', 4.25);
    INSERT INTO parts (part_id, part_number, name, category, supplier_id, cost) VALUES
      (901, 'FX-0001', 'Cell module', 'battery', 901, 0.10),
      (902, 'FX-0002', 'Bolt', 'chassis', 901, 0.20),
      (903, 'FX-0003', 'Harness', 'electronics', 901, 1234.57);
    INSERT INTO inventory (plant_id, part_id, quantity, reorder_point) VALUES
      (901, 901, 3, 1), (901, 902, 7, 0), (902, 903, 3, 1), (902, 901, 0, 5);
    INSERT INTO vehicles (vin, model_name, trim, color, battery_kwh, plant_id, manufacture_date, msrp) VALUES
      ('FX0000000000000A1', 'Fixture One', 'Base', 'White', 60.5, 901, '2024-12-30', 40000.10),
      ('FX0000000000000A2', 'Fixture One', 'Base', 'Black', 60.5, 901, '2024-12-30', 40000.20),
      ('FX0000000000000A3', 'Fixture Two', 'Long Range', 'Red', 82.0, 902, '2024-11-01', 55555.55),
      ('FX0000000000000A4', 'Fixture Two', 'Long Range', 'Blue', 82.0, 902, '2024-11-01', 55555.55);
    INSERT INTO customers (customer_id, name, email, region, segment) VALUES
      (9000901, 'Ola Nordmann', 'ola@fixture.example', 'Europe', 'retail'),
      (9000902, 'Fleet Co', 'fleet@fixture.example', 'Europe', 'fleet');
    INSERT INTO salesorders (order_id, vin, customer_id, sale_date, sale_price, channel) VALUES
      (900000001, 'FX0000000000000A1', 9000901, '2024-12-31', 0.10, 'online'),
      (900000002, 'FX0000000000000A2', 9000901, '2025-01-01', 0.20, 'dealer'),
      (900000003, 'FX0000000000000A3', 9000902, '2024-12-31', 33333.35, 'fleet'),
      (900000004, 'FX0000000000000A4', 9000902, '2024-11-30', 0.05, 'fleet');
  `);
}
