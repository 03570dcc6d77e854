import type { Database } from "@/lib/db/open";

/** Three plants, one supplier, three parts and a plant manager (whose id is returned), for the stock tests. */
export async function seedStockWorld(db: Database): Promise<number> {
  await db.exec(`
    INSERT INTO plants (plant_id, name, city, country, annual_capacity) VALUES
      (1, 'Volta Reno', 'Reno', 'US', 100000), (2, 'Volta Austin', 'Austin', 'US', 100000), (3, 'Volta Lyon', 'Lyon', 'FR', 50000);
    INSERT INTO suppliers (supplier_id, name, country, quality_rating) VALUES (1, 'Acme Cells', 'US', 4.50);
    INSERT INTO parts (part_id, part_number, name, category, supplier_id, cost) VALUES
      (1, 'P-0001', 'Cell module', 'battery', 1, 120.00), (2, 'P-0002', 'Inverter', 'powertrain', 1, 800.00), (3, 'P-0003', 'Seat', 'interior', 1, 300.00);
  `);
  const [user] = await db.query<{ id: number }>(
    `INSERT INTO users (email, name, password_hash, role) VALUES ('pm@example.test', 'PM', 'x', 'plant_manager') RETURNING id`,
  );
  return Number(user!.id);
}

/** Sets a (plant, part) row's stock, creating it with reorder point 5. */
export async function setStock(db: Database, plantId: number, partId: number, quantity: number) {
  await db.query(
    `INSERT INTO inventory (plant_id, part_id, quantity, reorder_point) VALUES ($1, $2, $3, 5)
     ON CONFLICT (plant_id, part_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
    [plantId, partId, quantity],
  );
}

/** A (plant, part) row's stock, or null when there is no row. */
export async function stock(db: Database, plantId: number, partId: number): Promise<number | null> {
  const [row] = await db.query<{ quantity: number }>(`SELECT quantity FROM inventory WHERE plant_id = $1 AND part_id = $2`, [plantId, partId]);
  return row ? Number(row.quantity) : null;
}
