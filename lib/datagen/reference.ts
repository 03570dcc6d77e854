// The small tables: plants, suppliers, the parts catalogue and stock levels.
// Their size does not depend on the scale (plant capacity excepted).

import { LAST_DAY, isoTimestamp } from "./calendar";
import {
  MODELS,
  PART_CATEGORIES,
  PART_FAMILIES,
  PLANTS,
  SUPPLIERS,
  type ModelCode,
  type ModelDef,
  type PartCategory,
} from "./catalog";
import { centsToText, csvText } from "./csv";
import { RowRandom, streamKey } from "./prng";
import type { World } from "./world";

export function plantRows(world: World): string {
  let out = "";
  for (const p of PLANTS) {
    const capacity = Math.max(1, Math.round((p.capacityAt100 * world.scale) / 100));
    out += `${p.id},${csvText(p.name)},${csvText(p.city)},${csvText(p.country)},${capacity}\n`;
  }
  return out;
}

export function supplierRows(world: World): string {
  const rng = new RowRandom(streamKey(world.seed, "suppliers"));
  let out = "";
  SUPPLIERS.forEach(([name, country], k) => {
    rng.reset(k);
    // Most suppliers rate 3.50–4.89; about one in ten is on a quality watch list.
    const hundredths = rng.chance(0.1) ? rng.int(240, 349) : 350 + Math.floor(140 * rng.next() ** 0.7);
    out += `${k + 1},${csvText(name)},${csvText(country)},${centsToText(hundredths)}\n`;
  });
  return out;
}

export type PartInfo = {
  id: number;
  category: PartCategory;
  costCents: number;
  /** The model the part is made for, or undefined for parts common to all models. */
  fitment?: ModelCode;
};

/** The parts catalogue: 1,200 parts in seven categories. */
export function partCatalogue(world: World): Array<PartInfo & { partNumber: string; name: string; supplierId: number }> {
  const rng = new RowRandom(streamKey(world.seed, "parts"));
  const suppliersByCategory = new Map<PartCategory, number[]>();
  SUPPLIERS.forEach(([, , categories], k) => {
    for (const c of categories) suppliersByCategory.set(c, [...(suppliersByCategory.get(c) ?? []), k + 1]);
  });
  // Two parts in five are common to all models; the rest fit one model.
  const fitments: Array<ModelDef | undefined> = [...MODELS, undefined, undefined, undefined];
  const parts: Array<PartInfo & { partNumber: string; name: string; supplierId: number }> = [];
  PART_CATEGORIES.forEach(({ category, code, count }, c) => {
    const families = PART_FAMILIES[category];
    const suppliers = suppliersByCategory.get(category) ?? [];
    for (let k = 0; k < count; k++) {
      // Ids in blocks per category, as in the ERP: battery 1001…, drivetrain 2001…
      const id = (c + 1) * 1000 + k + 1;
      rng.reset(id);
      const [family, lo, hi] = families[k % families.length] as readonly [string, number, number];
      const fitment = rng.pick(fitments);
      const revision = "ABCD"[Math.floor(rng.next() ** 2 * 4)];
      // Log-uniform unit cost within the family's range.
      const costCents = Math.round(lo * 100 * (hi / lo) ** rng.next());
      // The first suppliers of a category get the larger share of its parts.
      const supplierId = suppliers[Math.floor(rng.next() ** 1.4 * suppliers.length)] as number;
      parts.push({
        id,
        category,
        costCents,
        supplierId,
        partNumber: `VP-${code}-${String(k + 1).padStart(5, "0")}`,
        fitment: fitment?.code,
        name: `${family} (${fitment?.name ?? "common"}, rev ${revision})`,
      });
    }
  });
  return parts;
}

export function partRows(world: World): string {
  let out = "";
  for (const p of partCatalogue(world)) {
    out += `${p.id},${p.partNumber},${csvText(p.name)},${p.category},${p.supplierId},${centsToText(p.costCents)}\n`;
  }
  return out;
}

/**
 * Stock per plant: the parts of the models a plant builds and the common
 * parts, plus a few service parts of other models; quantities follow the
 * plant's size. About one line in twelve is below its reorder point.
 */
export function inventoryRows(world: World): string {
  const rng = new RowRandom(streamKey(world.seed, "inventory"));
  const parts = partCatalogue(world);
  let out = "";
  for (const plant of PLANTS) {
    for (const part of parts) {
      rng.reset(plant.id * 100_000 + part.id);
      const builtHere = part.fitment === undefined || plant.models.includes(part.fitment);
      if (!rng.chance(builtHere ? 0.93 : 0.3)) continue; // not stocked at this plant
      // Cheap parts are kept in the thousands, expensive modules in the tens.
      const dollars = part.costCents / 100;
      const size = builtHere ? plant.share : 0.05;
      const base = Math.max(4, Math.round((6000 * size) / Math.sqrt(Math.max(dollars, 1))));
      const reorderPoint = Math.max(1, Math.round(base * (0.6 + 0.8 * rng.next())));
      const quantity = rng.chance(0.085)
        ? Math.floor(reorderPoint * rng.next() * 0.95)
        : Math.round(reorderPoint * (1.05 + 3 * rng.next() ** 1.5));
      const daysAgo = Math.floor(21 * rng.next() ** 2);
      const second = 6 * 3600 + rng.int(0, 16 * 3600 - 1);
      out += `${plant.id},${part.id},${quantity},${reorderPoint},${isoTimestamp(LAST_DAY - daysAgo, second)}\n`;
    }
  }
  return out;
}
