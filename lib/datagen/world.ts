// The production model: how many vehicles are built on which day, where,
// of which model and trim, and what they list for; and their VINs. A vehicle
// is a pure function of (seed, scale, index); vehicles are numbered in build
// order (index 0 is the first vehicle built).

import { DAY_COUNT, dayOf, monthOf, weekdayOf, yearOf } from "./calendar";
import {
  COLORS,
  MODELS,
  MODEL_INDEX,
  MODEL_YEAR_CODE,
  MODEL_YEAR_PRICE,
  PLANTS,
  PREMIUM_PACKAGE,
  type ModelDef,
  type PlantDef,
} from "./catalog";
import { RowRandom, cumulative, streamKey } from "./prng";

/** Vehicles at scale 1. */
export const VEHICLES_PER_SCALE = 20_000;

export type World = {
  seed: number;
  scale: number;
  vehicleCount: number;
  /** Cumulative build weight per day (index = day number). */
  dayCumulative: Float64Array;
  /** For each day, cumulative weights over COMBOS (plant × model). */
  comboCumulative: Float64Array[];
  trimCumulative: Float64Array[];
  colorCumulative: Float64Array[];
  keys: {
    vehicles: number;
    sales: number;
    customers: number;
    service: number;
  };
};

/** Every (plant, model) pair that a plant is tooled for. */
export const COMBOS: ReadonlyArray<{ plant: number; model: number }> = PLANTS.flatMap((plant, p) =>
  plant.models.map((code) => ({ plant: p, model: MODEL_INDEX[code] })),
);

export function vehicleCountFor(scale: number): number {
  return Math.max(1, Math.round(VEHICLES_PER_SCALE * scale));
}

export function createWorld(seed: number, scale: number): World {
  return {
    seed,
    scale,
    vehicleCount: vehicleCountFor(scale),
    dayCumulative: PRODUCTION.dayCumulative,
    comboCumulative: PRODUCTION.comboCumulative,
    trimCumulative: MODELS.map((m) => cumulative(m.trims.map((t) => t.weight))),
    colorCumulative: MODELS.map((m) => cumulative(m.colorWeights ?? COLORS.map((c) => c[1]))),
    keys: {
      vehicles: streamKey(seed, "vehicles"),
      sales: streamKey(seed, "sales"),
      customers: streamKey(seed, "customers"),
      service: streamKey(seed, "service"),
    },
  };
}

// ---------------------------------------------------------------- volumes over time

// Output relative to mid-2021, anchored at 1 July of each year and
// interpolated linearly in between: fast growth that slows down.
const TREND_ANCHORS: ReadonlyArray<readonly [number, number]> = [
  [dayOf(2021, 1, 1), 0.45],
  [dayOf(2021, 7, 1), 1.0],
  [dayOf(2022, 7, 1), 1.75],
  [dayOf(2023, 7, 1), 2.6],
  [dayOf(2024, 7, 1), 3.35],
  [dayOf(2025, 7, 1), 4.05],
  [dayOf(2026, 7, 1), 4.7],
  [dayOf(2027, 7, 1), 5.3],
];

// January … December: spring and autumn peaks, summer shutdown, year-end holidays.
const SEASON = [0.86, 0.92, 1.06, 1.0, 1.02, 1.04, 0.9, 0.84, 1.05, 1.08, 1.06, 0.92];
// Sunday … Saturday: weekday shifts, a light Saturday shift, Sundays nearly idle.
const WEEKDAY = [0.04, 1, 1, 1, 1, 1, 0.3];

function trend(d: number): number {
  for (let k = 1; k < TREND_ANCHORS.length; k++) {
    const [d1, v1] = TREND_ANCHORS[k] as readonly [number, number];
    if (d <= d1) {
      const [d0, v0] = TREND_ANCHORS[k - 1] as readonly [number, number];
      return v0 + ((v1 - v0) * (d - d0)) / (d1 - d0);
    }
  }
  return (TREND_ANCHORS[TREND_ANCHORS.length - 1] as readonly [number, number])[1];
}

function rampUp(daysSinceStart: number): number {
  if (daysSinceStart < 0) return 0;
  return Math.min(1, 0.15 + (0.85 * daysSinceStart) / 180);
}

function dayWeight(d: number): number {
  const month = monthOf(d);
  const dayOfMonth = d - dayOf(yearOf(d), month, 1) + 1;
  const holiday = (month === 12 && dayOfMonth >= 24) || (month === 1 && dayOfMonth === 1) ? 0.1 : 1;
  return trend(d) * (SEASON[month - 1] as number) * (WEEKDAY[weekdayOf(d)] as number) * holiday;
}

function comboWeights(d: number): number[] {
  // A plant's output follows its share and ramp-up; within a plant the models
  // split it by popularity (a model ramps up after its launch too).
  return COMBOS.map(({ plant, model }) => {
    const p = PLANTS[plant] as PlantDef;
    const m = MODELS[model] as ModelDef;
    const plantOutput = p.share * rampUp(d - p.startDay);
    if (plantOutput === 0) return 0;
    const own = m.popularity * rampUp(d - m.launchDay);
    let all = 0;
    for (const code of p.models) {
      const other = MODELS[MODEL_INDEX[code]] as ModelDef;
      all += other.popularity * rampUp(d - other.launchDay);
    }
    return all === 0 ? 0 : (plantOutput * own) / all;
  });
}

const PRODUCTION = (() => {
  const dayCumulative = new Float64Array(DAY_COUNT);
  const comboCumulative: Float64Array[] = [];
  let sum = 0;
  for (let d = 0; d < DAY_COUNT; d++) {
    const weights = comboWeights(d);
    const total = weights.reduce((a, b) => a + b, 0);
    if (total <= 0) throw new Error(`no plant builds anything on day ${d}`);
    sum += dayWeight(d);
    dayCumulative[d] = sum;
    comboCumulative.push(cumulative(weights));
  }
  return { dayCumulative, comboCumulative };
})();

// ---------------------------------------------------------------- one vehicle

/** The facts about one vehicle that other tables need. Reused between rows. */
export type VehicleCore = {
  index: number;
  day: number;
  plant: number;
  model: number;
  trim: number;
  color: number;
  premium: boolean;
  modelYear: number;
  msrpCents: number;
};

export function newVehicleCore(): VehicleCore {
  return { index: -1, day: 0, plant: 0, model: 0, trim: 0, color: 0, premium: false, modelYear: 2021, msrpCents: 0 };
}

/** Fills `out` with vehicle `i` (0-based, in build order). */
export function vehicleCore(world: World, i: number, rng: RowRandom, out: VehicleCore): VehicleCore {
  rng.reset(i);
  // Stratified position in the year-by-year build curve: vehicle i falls in
  // the i-th of vehicleCount equal slices, so build dates never decrease with i.
  const cum = world.dayCumulative;
  const target = ((i + rng.next()) / world.vehicleCount) * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (target < (cum[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  const day = lo;
  const combo = COMBOS[rng.weighted(world.comboCumulative[day] as Float64Array)] as { plant: number; model: number };
  const model = MODELS[combo.model] as ModelDef;
  const trim = rng.weighted(world.trimCumulative[combo.model] as Float64Array);
  const color = rng.weighted(world.colorCumulative[combo.model] as Float64Array);
  const premium = rng.chance(PREMIUM_PACKAGE.share);
  // Model years start in August.
  const modelYear = Math.min(2027, yearOf(day) + (monthOf(day) >= 8 ? 1 : 0));
  const trimDef = model.trims[trim] as ModelDef["trims"][number];
  const listPrice = Math.round((trimDef.basePrice * (MODEL_YEAR_PRICE[modelYear] as number)) / 100) * 100 - 10;
  const dollars = listPrice + (COLORS[color] as readonly [string, number, number])[2] + (premium ? PREMIUM_PACKAGE.price : 0);
  out.index = i;
  out.day = day;
  out.plant = combo.plant;
  out.model = combo.model;
  out.trim = trim;
  out.color = color;
  out.premium = premium;
  out.modelYear = modelYear;
  out.msrpCents = dollars * 100;
  return out;
}

// ---------------------------------------------------------------- VIN

/** The 33 characters a VIN may use (no I, O, Q), in ascending order. */
export const VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

const TRANSLITERATION = new Int8Array(128).fill(-1);
for (const ch of "0123456789") TRANSLITERATION[ch.charCodeAt(0)] = Number(ch);
"ABCDEFGH".split("").forEach((ch, k) => (TRANSLITERATION[ch.charCodeAt(0)] = k + 1));
"JKLMN".split("").forEach((ch, k) => (TRANSLITERATION[ch.charCodeAt(0)] = k + 1));
TRANSLITERATION["P".charCodeAt(0)] = 7;
TRANSLITERATION["R".charCodeAt(0)] = 9;
"STUVWXYZ".split("").forEach((ch, k) => (TRANSLITERATION[ch.charCodeAt(0)] = k + 2));
const POSITION_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

function weightedSum(text: string, firstPosition: number): number {
  let sum = 0;
  for (let k = 0; k < text.length; k++) {
    const value = TRANSLITERATION[text.charCodeAt(k)] as number;
    if (value < 0) throw new Error(`"${text[k]}" may not appear in a VIN`);
    sum += value * (POSITION_WEIGHTS[firstPosition + k] as number);
  }
  return sum;
}

/** The ISO 3779 / FMVSS 115 check digit (VIN position 9) of a 17-character VIN. */
export function vinCheckDigit(vin: string): string {
  const r = weightedSum(vin, 0) % 11;
  return r === 10 ? "X" : String(r);
}

// The serial (positions 12–17) is the vehicle index in base 33: two halves of
// three characters, each with its share of the check-digit sum, tabulated.
const HALF = 33 ** 3;
const SERIAL_CAPACITY = HALF * HALF;
const SERIAL_HALF: string[] = [];
const SERIAL_HIGH_SUM = new Int32Array(HALF);
const SERIAL_LOW_SUM = new Int32Array(HALF);
for (let n = 0; n < HALF; n++) {
  const text = VIN_ALPHABET[Math.floor(n / 1089)]! + VIN_ALPHABET[Math.floor(n / 33) % 33]! + VIN_ALPHABET[n % 33]!;
  SERIAL_HALF.push(text);
  SERIAL_HIGH_SUM[n] = weightedSum(text, 11);
  SERIAL_LOW_SUM[n] = weightedSum(text, 14);
}

const MODEL_YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2027];
const MAX_TRIMS = 3;

/** Index of the VIN's fixed part: plant, model, trim, model year. */
export function vinKey(plant: number, model: number, trim: number, modelYear: number): number {
  return ((plant * MODELS.length + model) * MAX_TRIMS + trim) * MODEL_YEARS.length + (modelYear - 2021);
}

// Per key: positions 1–8, positions 10–11, and their check-digit sum.
const VIN_HEAD: string[] = [];
const VIN_YEAR_PLANT: string[] = [];
const VIN_FIXED_SUM: number[] = [];
PLANTS.forEach((plant, p) => {
  MODELS.forEach((model, m) => {
    for (let t = 0; t < MAX_TRIMS; t++) {
      const trim = model.trims[t];
      for (const year of MODEL_YEARS) {
        const key = vinKey(p, m, t, year);
        if (!trim) continue;
        const head = `${plant.wmi}${model.vinLine}${t + 1}${model.vinBody}${trim.vinBattery}${trim.vinDrive}`;
        const yearPlant = `${MODEL_YEAR_CODE[year]}${plant.vinCode}`;
        VIN_HEAD[key] = head;
        VIN_YEAR_PLANT[key] = yearPlant;
        VIN_FIXED_SUM[key] = weightedSum(head, 0) + weightedSum(yearPlant, 9);
      }
    }
  });
});

/** The check digit's value (0–10) of vehicle `index` with fixed part `key`. */
export function vinCheckValue(key: number, index: number): number {
  const high = Math.floor(index / HALF);
  const low = index - high * HALF;
  return ((VIN_FIXED_SUM[key] as number) + (SERIAL_HIGH_SUM[high] as number) + (SERIAL_LOW_SUM[low] as number)) % 11;
}

/**
 * VIN of vehicle `index`: plant WMI, model line, trim, body, battery, drive,
 * check digit, model year, plant code and serial. The serial is the vehicle's
 * index, so VINs are unique by construction.
 */
export function vinFor(key: number, index: number): string {
  if (index >= SERIAL_CAPACITY) throw new RangeError("too many vehicles for a six-character serial");
  const high = Math.floor(index / HALF);
  const low = index - high * HALF;
  const r = vinCheckValue(key, index);
  return `${VIN_HEAD[key]}${r === 10 ? "X" : r}${VIN_YEAR_PLANT[key]}${SERIAL_HALF[high]}${SERIAL_HALF[low]}`;
}

/**
 * VINs sort by their first eleven characters (fixed part and check digit),
 * then by serial, which grows with the index. `VIN_GROUP_RANK[key * 11 + check]`
 * is the rank of those eleven characters among all possible ones in byte
 * order (which is also how PostgreSQL's usual collations order strings of
 * digits and capitals), so vehicles can be put in VIN order by a counting
 * sort. Only the speed of the load depends on this order, never correctness.
 */
export const VIN_GROUP_COUNT = VIN_HEAD.length * 11;
export const VIN_GROUP_RANK: Int32Array = (() => {
  const groups: Array<{ id: number; prefix: string }> = [];
  VIN_HEAD.forEach((head, key) => {
    if (head === undefined) return;
    for (let check = 0; check < 11; check++) {
      groups.push({ id: key * 11 + check, prefix: `${head}${check === 10 ? "X" : check}${VIN_YEAR_PLANT[key]}` });
    }
  });
  groups.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  const rank = new Int32Array(VIN_GROUP_COUNT).fill(-1);
  groups.forEach((g, r) => (rank[g.id] = r));
  return rank;
})();

export function vinOf(core: VehicleCore): string {
  return vinFor(vinKey(core.plant, core.model, core.trim, core.modelYear), core.index);
}

export const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;

