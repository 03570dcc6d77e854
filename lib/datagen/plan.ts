// The sales plan: which vehicles are sold, when, to whom, and how many
// service visits each one gets. It is one sequential pass over the vehicles
// in build order, because who buys a vehicle depends on who bought earlier
// ones (repeat buyers, fleets that keep ordering). Every decision comes from
// the counter-based generator, so the plan is a pure function of
// (seed, scale); the rows of every table are then pure functions of
// (seed, scale, row) given the plan, and can be produced in any chunking or
// on any thread.
//
// The vehicle-keyed tables (vehicles, salesorders, servicerecords) are
// written in VIN order: their VIN indexes then build from presorted input and
// the foreign-key checks can merge-join. Ids (order_id, service_id) still
// follow the build order of the vehicles.

import { LAST_DAY } from "./calendar";
import { MODELS, RECALLS, type ModelDef, type RecallCampaign } from "./catalog";
import { RowRandom, poissonInverse } from "./prng";
import {
  VIN_GROUP_COUNT,
  VIN_GROUP_RANK,
  type VehicleCore,
  type World,
  newVehicleCore,
  vehicleCore,
  vinCheckValue,
  vinKey,
} from "./world";

/** Vehicles per chunk of the vehicle-keyed tables (vehicles, salesorders, servicerecords). */
export const VEHICLE_CHUNK = 8192;
/** Customers per chunk. */
export const CUSTOMER_CHUNK = 16384;

/** Share of vehicles meant for sale (the rest: demonstrators, company cars, test fleet). */
const FOR_SALE = 0.94;
/** Chance that a fleet order comes from a new fleet customer (else an existing fleet, weighted by its size). */
const NEW_FLEET_CUSTOMER = 0.43;
/** Chance that a retail order comes from a new customer (else a repeat buyer). */
const NEW_RETAIL_CUSTOMER = 0.85;

export type Plan = {
  vehicleCount: number;
  // Build facts per vehicle (see world.ts), kept so that later tables need not recompute them.
  day: Int16Array;
  plant: Uint8Array;
  model: Uint8Array;
  trim: Uint8Array;
  color: Uint8Array;
  /** Model year − 2021. */
  modelYear: Uint8Array;
  msrpCents: Int32Array;
  /** See `vinKey`: with the index it gives the VIN. */
  vinKey: Uint16Array;
  /** Vehicle indexes in VIN order: the order in which vehicle-keyed rows are written. */
  vinOrder: Int32Array;
  /** Per vehicle: sale day, or -1 when unsold. */
  saleDay: Int16Array;
  /** Per vehicle: customer_id, or 0 when unsold. */
  customerOf: Int32Array;
  /** Per vehicle: order_id, or 0 when unsold (orders are numbered in build order). */
  orderId: Int32Array;
  /** Per vehicle: number of service records. */
  serviceCount: Uint8Array;
  /** Per vehicle: the service_id of its first service record (numbered in build order). */
  firstServiceId: Float64Array;
  customerCount: number;
  /** Per customer (index customer_id − 1): the first vehicle it bought. */
  customerFirstVehicle: Int32Array;
  /** Per customer: the earliest sale day of its orders. */
  customerFirstSaleDay: Int16Array;
  /** Per customer: 1 for fleet, 0 for retail. */
  customerFleet: Uint8Array;
  orderCount: number;
  serviceRecordCount: number;
  /** Per chunk of vinOrder: the orders and service records in it. */
  chunkOrders: Int32Array;
  chunkServiceRecords: Float64Array;
};

/** The fixed-position draws of a vehicle's sale (stream "sales", row = vehicle index). */
export type SaleDraws = {
  forSale: number;
  fleet: number;
  delay: number;
  newCustomer: number;
  pickCustomer: number;
};

/** Positions of the draws that only the order row uses. */
export const CHANNEL_DRAW = 6;
export const PRICE_DRAW = 7;

export function saleDraws(rng: RowRandom, i: number, out: SaleDraws): SaleDraws {
  rng.reset(i);
  out.forSale = rng.next();
  out.fleet = rng.next();
  out.delay = rng.next();
  out.newCustomer = rng.next();
  out.pickCustomer = rng.next();
  return out;
}

export function newSaleDraws(): SaleDraws {
  return { forSale: 0, fleet: 0, delay: 0, newCustomer: 0, pickCustomer: 0 };
}

/** Whether a sold vehicle goes to a fleet customer. */
export function isFleetSale(core: VehicleCore, draws: SaleDraws): boolean {
  return draws.fleet < (MODELS[core.model] as ModelDef).fleetShare;
}

/** The sale day of a vehicle, or -1 when it is not sold by the end of the data. */
export function saleDayOf(core: VehicleCore, draws: SaleDraws, fleet: boolean): number {
  if (draws.forSale >= FOR_SALE) return -1;
  // Fleet units are delivered on order (0–45 days); retail stock waits up to 150 days.
  const delay = fleet ? Math.floor(46 * draws.delay ** 1.6) : Math.floor(151 * draws.delay ** 2.1);
  const day = core.day + delay;
  return day > LAST_DAY ? -1 : day;
}

/** The recall campaign that covers a vehicle, if any. */
export function recallFor(core: VehicleCore): RecallCampaign | undefined {
  const code = (MODELS[core.model] as ModelDef).code;
  return RECALLS.find((r) => r.model === code && core.modelYear >= r.firstModelYear && core.modelYear <= r.lastModelYear);
}

/** Multiplier that brings the average to about two service records per vehicle built. */
const SERVICE_RATE = 0.92;
const FLEET_SERVICE_FACTOR = 1.7;

/** The first draws of a vehicle's service history (stream "service", row = vehicle index). */
export type ServiceHead = {
  regularVisits: number;
  /** Day of the recall visit, or -1. */
  recallDay: number;
  recall?: RecallCampaign;
};

/**
 * How many regular visits a sold vehicle has and whether it came in for a
 * recall. Consumes exactly three draws of `rng` (already reset to the vehicle).
 */
export function serviceHead(core: VehicleCore, saleDay: number, fleet: boolean, rng: RowRandom, out: ServiceHead): ServiceHead {
  const countDraw = rng.next();
  const recallDraw = rng.next();
  const recallDelayDraw = rng.next();
  const model = MODELS[core.model] as ModelDef;
  const years = (LAST_DAY - saleDay) / 365.25;
  // Older vehicles come in more often per year, fleets (higher mileage) more still.
  const lambda = SERVICE_RATE * model.serviceRate * (fleet ? FLEET_SERVICE_FACTOR : 1) * years * (1 + 0.12 * years);
  out.regularVisits = Math.min(250, poissonFromUniform(lambda, countDraw));
  out.recallDay = -1;
  out.recall = undefined;
  const campaign = recallFor(core);
  if (campaign && saleDay < campaign.startDay && recallDraw < campaign.completion) {
    const day = campaign.startDay + Math.floor(150 * recallDelayDraw ** 1.5);
    if (day <= LAST_DAY) {
      out.recallDay = day;
      out.recall = campaign;
    }
  }
  return out;
}

function poissonFromUniform(lambda: number, u: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) {
    // Normal approximation keeps the loop short for very long histories.
    const z = Math.sqrt(2) * inverseErf(2 * u - 1);
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  return poissonInverse(lambda, u);
}

function inverseErf(x: number): number {
  // Giles' single-precision approximation; plenty for a count.
  const w = -Math.log((1 - x) * (1 + x));
  let p: number;
  if (w < 5) {
    const v = w - 2.5;
    p = 2.81022636e-8;
    p = 3.43273939e-7 + p * v;
    p = -3.5233877e-6 + p * v;
    p = -4.39150654e-6 + p * v;
    p = 0.00021858087 + p * v;
    p = -0.00125372503 + p * v;
    p = -0.00417768164 + p * v;
    p = 0.246640727 + p * v;
    p = 1.50140941 + p * v;
  } else {
    const v = Math.sqrt(w) - 3;
    p = -0.000200214257;
    p = 0.000100950558 + p * v;
    p = 0.00134934322 + p * v;
    p = -0.00367342844 + p * v;
    p = 0.00573950773 + p * v;
    p = -0.0076224613 + p * v;
    p = 0.00943887047 + p * v;
    p = 1.00167406 + p * v;
    p = 2.83297682 + p * v;
  }
  return p * x;
}

function shared<T>(make: (buffer: SharedArrayBuffer) => T, bytesPerItem: number, n: number): T {
  return make(new SharedArrayBuffer(Math.max(1, n) * bytesPerItem));
}

export function vehicleChunkCount(world: World): number {
  return Math.ceil(world.vehicleCount / VEHICLE_CHUNK);
}

/** Reads vehicle `i`'s build facts back from the plan. */
export function coreFromPlan(plan: Plan, i: number, out: VehicleCore): VehicleCore {
  out.index = i;
  out.day = plan.day[i] as number;
  out.plant = plan.plant[i] as number;
  out.model = plan.model[i] as number;
  out.trim = plan.trim[i] as number;
  out.color = plan.color[i] as number;
  out.modelYear = 2021 + (plan.modelYear[i] as number);
  out.msrpCents = plan.msrpCents[i] as number;
  return out;
}

/** Builds the plan: arrays live in shared memory so that worker threads can read them. */
export function buildPlan(world: World): Plan {
  const n = world.vehicleCount;
  const chunks = vehicleChunkCount(world);
  const plan: Plan = {
    vehicleCount: n,
    day: shared((b) => new Int16Array(b), 2, n),
    plant: shared((b) => new Uint8Array(b), 1, n),
    model: shared((b) => new Uint8Array(b), 1, n),
    trim: shared((b) => new Uint8Array(b), 1, n),
    color: shared((b) => new Uint8Array(b), 1, n),
    modelYear: shared((b) => new Uint8Array(b), 1, n),
    msrpCents: shared((b) => new Int32Array(b), 4, n),
    vinKey: shared((b) => new Uint16Array(b), 2, n),
    vinOrder: shared((b) => new Int32Array(b), 4, n),
    saleDay: shared((b) => new Int16Array(b), 2, n),
    customerOf: shared((b) => new Int32Array(b), 4, n),
    orderId: shared((b) => new Int32Array(b), 4, n),
    serviceCount: shared((b) => new Uint8Array(b), 1, n),
    firstServiceId: shared((b) => new Float64Array(b), 8, n),
    customerCount: 0,
    // At most one new customer per vehicle.
    customerFirstVehicle: shared((b) => new Int32Array(b), 4, n),
    customerFirstSaleDay: shared((b) => new Int16Array(b), 2, n),
    customerFleet: shared((b) => new Uint8Array(b), 1, n),
    orderCount: 0,
    serviceRecordCount: 0,
    chunkOrders: shared((b) => new Int32Array(b), 4, chunks),
    chunkServiceRecords: shared((b) => new Float64Array(b), 8, chunks),
  };

  // 1. What each vehicle is, and its place in VIN order (counting sort over
  //    the VIN's first eleven characters; the serial then follows the index).
  const vehicleRng = new RowRandom(world.keys.vehicles);
  const core = newVehicleCore();
  const group = new Int32Array(Math.max(1, n));
  const groupSize = new Int32Array(VIN_GROUP_COUNT + 1);
  for (let i = 0; i < n; i++) {
    vehicleCore(world, i, vehicleRng, core);
    const key = vinKey(core.plant, core.model, core.trim, core.modelYear);
    plan.day[i] = core.day;
    plan.plant[i] = core.plant;
    plan.model[i] = core.model;
    plan.trim[i] = core.trim;
    plan.color[i] = core.color;
    plan.modelYear[i] = core.modelYear - 2021;
    plan.msrpCents[i] = core.msrpCents;
    plan.vinKey[i] = key;
    const rank = VIN_GROUP_RANK[key * 11 + vinCheckValue(key, i)] as number;
    group[i] = rank;
    groupSize[rank + 1] = (groupSize[rank + 1] as number) + 1;
  }
  for (let g = 1; g <= VIN_GROUP_COUNT; g++) groupSize[g] = (groupSize[g] as number) + (groupSize[g - 1] as number);
  for (let i = 0; i < n; i++) {
    const g = group[i] as number;
    plan.vinOrder[groupSize[g] as number] = i;
    groupSize[g] = (groupSize[g] as number) + 1;
  }

  // 2. Sales, customers and service counts, in build order.
  const salesRng = new RowRandom(world.keys.sales);
  const serviceRng = new RowRandom(world.keys.service);
  const draws = newSaleDraws();
  const head: ServiceHead = { regularVisits: 0, recallDay: -1 };
  // Retail customers so far (for repeat buyers) and one entry per fleet order
  // (picking a random earlier fleet order favours the big fleets).
  const retailCustomers = new Int32Array(Math.max(1, n));
  let retailCount = 0;
  const fleetOrders = new Int32Array(Math.max(1, n));
  let fleetOrderCount = 0;
  const newCustomer = (i: number, fleet: boolean, day: number) => {
    const id = ++plan.customerCount;
    plan.customerFleet[id - 1] = fleet ? 1 : 0;
    plan.customerFirstVehicle[id - 1] = i;
    plan.customerFirstSaleDay[id - 1] = day;
    return id;
  };
  for (let i = 0; i < n; i++) {
    coreFromPlan(plan, i, core);
    saleDraws(salesRng, i, draws);
    const fleet = isFleetSale(core, draws);
    const day = saleDayOf(core, draws, fleet);
    if (day < 0) {
      plan.saleDay[i] = -1;
      continue;
    }
    let customer: number;
    if (fleet) {
      if (fleetOrderCount === 0 || draws.newCustomer < NEW_FLEET_CUSTOMER) customer = newCustomer(i, true, day);
      else customer = fleetOrders[Math.floor(draws.pickCustomer * fleetOrderCount)] as number;
      fleetOrders[fleetOrderCount++] = customer;
    } else if (retailCount === 0 || draws.newCustomer < NEW_RETAIL_CUSTOMER) {
      customer = newCustomer(i, false, day);
      retailCustomers[retailCount++] = customer;
    } else {
      customer = retailCustomers[Math.floor(draws.pickCustomer * retailCount)] as number;
    }
    if (day < (plan.customerFirstSaleDay[customer - 1] as number)) plan.customerFirstSaleDay[customer - 1] = day;
    plan.saleDay[i] = day;
    plan.customerOf[i] = customer;
    plan.orderId[i] = ++plan.orderCount;
    serviceRng.reset(i);
    serviceHead(core, day, fleet, serviceRng, head);
    const count = head.regularVisits + (head.recallDay >= 0 ? 1 : 0);
    plan.serviceCount[i] = count;
    plan.firstServiceId[i] = plan.serviceRecordCount + 1;
    plan.serviceRecordCount += count;
  }

  // 3. Rows per chunk of the VIN order (for progress and row counts).
  for (let p = 0; p < n; p++) {
    const i = plan.vinOrder[p] as number;
    const k = Math.floor(p / VEHICLE_CHUNK);
    if ((plan.saleDay[i] as number) >= 0) plan.chunkOrders[k] = (plan.chunkOrders[k] as number) + 1;
    plan.chunkServiceRecords[k] = (plan.chunkServiceRecords[k] as number) + (plan.serviceCount[i] as number);
  }
  return plan;
}
