// vehicles: one row per vehicle built, written in VIN order.

import { isoDate } from "./calendar";
import { COLORS, MODELS, PLANTS } from "./catalog";
import { centsToText, csvText } from "./csv";
import { type Plan, VEHICLE_CHUNK } from "./plan";
import { vinFor } from "./world";

export const VEHICLE_COLUMNS = [
  "vin",
  "model_name",
  "trim",
  "color",
  "battery_kwh",
  "plant_id",
  "manufacture_date",
  "msrp",
] as const;

// "model,trim,", "color," and "kWh,plant" pre-encoded once.
const MODEL_TRIM_TEXT = MODELS.map((m) => m.trims.map((t) => `${csvText(m.name)},${csvText(t.name)},`));
const TRIM_KWH_TEXT = MODELS.map((m) => m.trims.map((t) => t.batteryKwh));
const COLOR_TEXT = COLORS.map(([name]) => `${csvText(name)},`);
const PLANT_ID_TEXT = PLANTS.map((p) => String(p.id));

/** CSV rows for chunk `chunk` of the vehicles in VIN order. */
export function vehicleRows(plan: Plan, chunk: number): string {
  const from = chunk * VEHICLE_CHUNK;
  const to = Math.min(plan.vehicleCount, from + VEHICLE_CHUNK);
  let out = "";
  for (let p = from; p < to; p++) {
    const i = plan.vinOrder[p] as number;
    const model = plan.model[i] as number;
    const trim = plan.trim[i] as number;
    out += `${vinFor(plan.vinKey[i] as number, i)},${(MODEL_TRIM_TEXT[model] as string[])[trim]}${
      COLOR_TEXT[plan.color[i] as number]
    }${(TRIM_KWH_TEXT[model] as string[])[trim]},${PLANT_ID_TEXT[plan.plant[i] as number]},${isoDate(
      plan.day[i] as number,
    )},${centsToText(plan.msrpCents[i] as number)}\n`;
  }
  return out;
}
