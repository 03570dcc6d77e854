// customers: numbered in order of their first purchase (see plan.ts). A
// customer's region follows the plant that built its first vehicle; the
// account was opened shortly before its first order.

import { isoTimestamp } from "./calendar";
import {
  FLEET_NAME_HEADS,
  FLEET_NAME_TAILS,
  MAIL_DOMAINS,
  PERSON_NAMES,
  PLANTS,
  REGIONS,
  type Region,
} from "./catalog";
import { csvText } from "./csv";
import type { Plan } from "./plan";
import { RowRandom, cumulative } from "./prng";
import type { World } from "./world";

export const CUSTOMER_COLUMNS = ["customer_id", "name", "email", "region", "segment", "created_at"] as const;

const PLANT_REGION_CUMULATIVE = PLANTS.map((p) => cumulative([...p.buyerRegions]));
const REGION_TEXT = REGIONS.map((r) => csvText(r));

function mailPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

const MAIL_NAMES = new Map<string, string>();
for (const pool of Object.values(PERSON_NAMES)) {
  for (const name of [...pool.first, ...pool.last]) MAIL_NAMES.set(name, mailPart(name));
}

/** CSV rows for customer ids [from, to] (1-based, inclusive). */
export function customerRows(world: World, plan: Plan, from: number, to: number): string {
  const rng = new RowRandom(world.keys.customers);
  let out = "";
  for (let id = from; id <= to; id++) {
    const k = id - 1;
    rng.reset(id);
    const fleet = plan.customerFleet[k] === 1;
    const plant = plan.plant[plan.customerFirstVehicle[k] as number] as number;
    const regionIndex = rng.weighted(PLANT_REGION_CUMULATIVE[plant] as Float64Array);
    const region = REGIONS[regionIndex] as Region;
    const domains = MAIL_DOMAINS[region];
    let name: string;
    let email: string;
    if (fleet) {
      const head = rng.pick(FLEET_NAME_HEADS);
      const tail = rng.pick(FLEET_NAME_TAILS);
      name = `${head} ${tail}`;
      email = `fleet.${id}@${mailPart(head)}-${mailPart(tail)}.${rng.pick(domains)}`;
    } else {
      const pool = PERSON_NAMES[region];
      const first = rng.pick(pool.first);
      const last = rng.pick(pool.last);
      name = `${first} ${last}`;
      email = `${MAIL_NAMES.get(first)}.${MAIL_NAMES.get(last)}.${id}@${rng.pick(domains)}`;
    }
    // Retail buyers register days before ordering; fleets are onboarded months ahead.
    const lead = fleet ? 20 + Math.floor(280 * rng.next()) : Math.floor(45 * rng.next() ** 2.5);
    const day = (plan.customerFirstSaleDay[k] as number) - lead;
    const second = 6 * 3600 + Math.floor(rng.next() * 17 * 3600);
    out += `${id},${csvText(name)},${email},${REGION_TEXT[regionIndex]},${fleet ? "fleet" : "retail"},${isoTimestamp(day, second)}\n`;
  }
  return out;
}
