// salesorders: one order per sold vehicle, numbered in build order of the
// vehicles and written in VIN order. The price is the list price times a channel-dependent factor,
// computed in integer cents.

import { LAST_DAY, isoDate, monthOf } from "./calendar";
import { MODELS } from "./catalog";
import { applyBasisPoints, centsToText } from "./csv";
import { CHANNEL_DRAW, PRICE_DRAW, type Plan, VEHICLE_CHUNK } from "./plan";
import { RowRandom } from "./prng";
import { type World, vinFor } from "./world";

export const SALES_COLUMNS = ["order_id", "vin", "customer_id", "sale_date", "sale_price", "channel"] as const;

export type Channel = "online" | "dealer" | "fleet";

const APEX = MODELS.findIndex((m) => m.code === "APEX");

/**
 * Price factor in basis points (10000 = list price): online orders pay list
 * less small promotions, dealers negotiate (Apex sells above list), fleets get
 * volume discounts. Quarter-end months push extra discounts.
 */
export function priceBasisPoints(channel: Channel, model: number, saleDay: number, u: number): number {
  const quarterEnd = monthOf(saleDay) % 3 === 0;
  switch (channel) {
    case "online":
      return 9850 + Math.floor(150 * u) - (quarterEnd ? 120 : 0);
    case "fleet":
      return 9000 + Math.floor(500 * u);
    case "dealer":
      if (model === APEX) return 9950 + Math.floor(350 * u);
      return 9200 + Math.floor(900 * u ** 1.3) - (quarterEnd ? 150 : 0);
  }
}

/** Online sales grow from about a quarter to a half of retail over the years. */
export function onlineShare(saleDay: number): number {
  return 0.26 + (0.26 * saleDay) / LAST_DAY;
}

/** CSV rows for the orders of chunk `chunk` of the vehicles in VIN order. */
export function salesRows(world: World, plan: Plan, chunk: number): string {
  const from = chunk * VEHICLE_CHUNK;
  const to = Math.min(world.vehicleCount, from + VEHICLE_CHUNK);
  const rng = new RowRandom(world.keys.sales);
  let out = "";
  for (let p = from; p < to; p++) {
    const i = plan.vinOrder[p] as number;
    const day = plan.saleDay[i] as number;
    if (day < 0) continue;
    const customer = plan.customerOf[i] as number;
    rng.reset(i);
    const channel: Channel =
      plan.customerFleet[customer - 1] === 1 ? "fleet" : rng.at(CHANNEL_DRAW) < onlineShare(day) ? "online" : "dealer";
    const factor = priceBasisPoints(channel, plan.model[i] as number, day, rng.at(PRICE_DRAW));
    const price = applyBasisPoints(plan.msrpCents[i] as number, factor);
    out += `${plan.orderId[i]},${vinFor(plan.vinKey[i] as number, i)},${customer},${isoDate(day)},${centsToText(price)},${channel}\n`;
  }
  return out;
}
