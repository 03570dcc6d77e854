// servicerecords: the service history of each sold vehicle, numbered vehicle
// by vehicle in build order and written in VIN order. Visits are spread over the time since delivery; the odometer
// grows with the vehicle's own yearly mileage.
//
// cost is what the visit was invoiced to the owner. Warranty and recall work
// is paid by Volta, so those records cost 0.00; scheduled services and
// out-of-warranty repairs carry their price.

import { LAST_DAY, isoDate } from "./calendar";
import {
  MODELS,
  REPAIRS,
  SCHEDULED_SERVICES,
  WARRANTY_DAYS,
  WARRANTY_WORK,
  type ModelDef,
} from "./catalog";
import { centsToText, csvText } from "./csv";
import { type Plan, type ServiceHead, VEHICLE_CHUNK, coreFromPlan, serviceHead } from "./plan";
import { RowRandom, cumulative } from "./prng";
import { type World, newVehicleCore, vinFor } from "./world";

export const SERVICE_COLUMNS = [
  "service_id",
  "vin",
  "service_date",
  "service_type",
  "odometer_km",
  "cost",
  "description",
] as const;

const SCHEDULED_TEXT = SCHEDULED_SERVICES.map(([text]) => csvText(text));
const REPAIR_TEXT = REPAIRS.map(([text]) => csvText(text));
const REPAIR_CUMULATIVE = cumulative(REPAIRS.map((r) => r[3]));
const WARRANTY_TEXT = WARRANTY_WORK.map((text) => csvText(text));

function weightedIndex(cum: Float64Array, u: number): number {
  const target = u * (cum[cum.length - 1] as number);
  let k = 0;
  while (k < cum.length - 1 && target >= (cum[k] as number)) k++;
  return k;
}

function recallLine(id: number, vin: string, head: ServiceHead, saleDay: number, kmPerDay: number, deliveryKm: number): string {
  const odometer = deliveryKm + Math.round(kmPerDay * (head.recallDay - saleDay));
  return `${id},${vin},${isoDate(head.recallDay)},recall,${odometer},0.00,${csvText(head.recall?.description ?? "Recall")}\n`;
}

/** CSV rows for the service records of chunk `chunk` of the vehicles in VIN order. */
export function serviceRows(world: World, plan: Plan, chunk: number): string {
  const from = chunk * VEHICLE_CHUNK;
  const to = Math.min(world.vehicleCount, from + VEHICLE_CHUNK);
  const rng = new RowRandom(world.keys.service);
  const core = newVehicleCore();
  const head: ServiceHead = { regularVisits: 0, recallDay: -1 };
  let out = "";
  for (let p = from; p < to; p++) {
    const i = plan.vinOrder[p] as number;
    const count = plan.serviceCount[i] as number;
    if (count === 0) continue;
    const saleDay = plan.saleDay[i] as number;
    const customer = plan.customerOf[i] as number;
    const fleet = plan.customerFleet[customer - 1] === 1;
    coreFromPlan(plan, i, core);
    rng.reset(i);
    serviceHead(core, saleDay, fleet, rng, head);
    const model = MODELS[core.model] as ModelDef;
    const vin = vinFor(plan.vinKey[i] as number, i);
    let serviceId = plan.firstServiceId[i] as number;
    const [kmLow, kmHigh] = model.kmPerYear;
    const kmPerDay = ((kmLow + (kmHigh - kmLow) * rng.next()) * (fleet ? 1.8 : 1)) / 365.25;
    const deliveryKm = 5 + Math.floor(60 * rng.next());
    const regular = count - (head.recallDay >= 0 ? 1 : 0);
    // Regular visits are spread evenly (with jitter) between delivery and the
    // end of the data; the recall visit is merged in date order.
    let recallPending = head.recallDay >= 0;
    for (let k = 0; k < regular; k++) {
      const day = saleDay + Math.floor(((LAST_DAY - saleDay) * (k + rng.next())) / regular);
      const typeDraw = rng.next();
      const detailDraw = rng.next();
      const costDraw = rng.next();
      if (recallPending && head.recallDay <= day) {
        out += recallLine(serviceId++, vin, head, saleDay, kmPerDay, deliveryKm);
        recallPending = false;
      }
      const age = day - saleDay;
      const odometer = deliveryKm + Math.round(kmPerDay * age);
      const years = age / 365.25;
      const warranty = age < WARRANTY_DAYS ? 0.12 : 0;
      const repair = Math.min(0.5, 0.2 + 0.025 * years);
      let type: string;
      let cents: number;
      let text: string;
      if (typeDraw < warranty) {
        type = "warranty";
        cents = 0;
        text = WARRANTY_TEXT[Math.floor(detailDraw * WARRANTY_TEXT.length)] as string;
      } else if (typeDraw < warranty + repair) {
        type = "repair";
        const r = weightedIndex(REPAIR_CUMULATIVE, detailDraw);
        const [, lo, hi] = REPAIRS[r] as readonly [string, number, number, number];
        cents = Math.round(lo * 100 * (hi / lo) ** costDraw);
        text = REPAIR_TEXT[r] as string;
      } else {
        type = "scheduled";
        const s = Math.floor(detailDraw * SCHEDULED_SERVICES.length);
        const factor = (SCHEDULED_SERVICES[s] as readonly [string, number])[1];
        cents = Math.round(model.serviceBaseCents * factor * (0.92 + 0.2 * costDraw));
        text = SCHEDULED_TEXT[s] as string;
      }
      out += `${serviceId++},${vin},${isoDate(day)},${type},${odometer},${centsToText(cents)},${text}\n`;
    }
    if (recallPending) out += recallLine(serviceId++, vin, head, saleDay, kmPerDay, deliveryKm);
  }
  return out;
}
