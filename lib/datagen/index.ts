// Deterministic synthetic data for the eight warehouse tables: the same seed
// and scale always give byte-identical tables, on either engine.
//
//   await generateData(db, { scale: 1, seed: 42 });
//
// Volumes: 20,000 vehicles per unit of scale; about 90% of them sold
// (one order each), about 0.75 customers per order and about two service
// records per vehicle. Reference tables (5 plants, 40 suppliers, 1,200 parts,
// their stock) do not grow with the scale.

import type { Database } from "../db/open";
import { migrate } from "../db/migrate";
import { type LoadStep, bulkLoad, DataPresentError, occupiedTables, withLoadSession } from "./load";
import { type ChunkProducer, InThreadProducer, WorkerProducer } from "./producer";
import { TABLE_COLUMNS, TABLE_NAMES, type TableName } from "./tables";
import { vehicleCountFor } from "./world";

export { DataPresentError, DataValidationError } from "./load";
export { DataGenerator, TABLE_COLUMNS, TABLE_NAMES, type TableName } from "./tables";

export const DEFAULT_SEED = 42;

export type GenerateProgress = {
  /** What is happening: copying a table, then analysing, indexing, validating and checking keys. */
  phase: "prepare" | "copy" | "analyze" | "index" | "validate" | "constraint" | "rollups" | "commit" | "done";
  /** The table being copied, or the index / constraint being built. */
  detail?: string;
  /** Rows copied so far over all tables, and the expected total (exact once the vehicles are done). */
  rowsDone: number;
  rowsTotal: number;
  /** Rows copied per table so far. */
  tables: Partial<Record<TableName, number>>;
};

export type GenerateOptions = {
  scale: number;
  seed?: number;
  /** Overwrite the warehouse tables when they hold data (otherwise refuse). */
  replace?: boolean;
  onProgress?: (progress: GenerateProgress) => void;
  /**
   * Generate in a worker thread while the database ingests: "auto" (default)
   * does so for larger scales when worker threads can load the generator.
   */
  worker?: boolean | "auto";
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
};

export type GenerateResult = {
  scale: number;
  seed: number;
  counts: Record<TableName, number>;
  seconds: number;
};

/** Vehicles above which "auto" generates in a worker thread. */
const WORKER_THRESHOLD = 60_000;

// Expected rows per vehicle, for the progress total until the plan is known.
const PER_VEHICLE = { customers: 0.69, salesorders: 0.91, servicerecords: 2.0 } as const;
const EXPECTED_INVENTORY_ROWS = 4_500;
/** 50 million vehicles: the plan keeps about 40 bytes per vehicle in memory. */
const MAX_SCALE = 2_500;

export function validateScale(scale: unknown): number {
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`scale must be a positive number, got ${String(scale)}`);
  }
  if (scale > MAX_SCALE) throw new RangeError(`scale must be at most ${MAX_SCALE}, got ${scale}`);
  return scale;
}

export function validateSeed(seed: unknown): number {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative integer, got ${String(seed)}`);
  }
  return seed;
}

/**
 * Fills the eight warehouse tables of `db` with synthetic data, in one
 * transaction. Refuses (DataPresentError) when they hold data, unless
 * `replace` is set; users, their plant scopes and the migration history are
 * never touched.
 */
export async function generateData(db: Database, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const scale = validateScale(options.scale);
  const seed = validateSeed(options.seed ?? DEFAULT_SEED);
  const replace = options.replace ?? false;
  if (options.migrate ?? true) await migrate(db);

  // Refuse early, before any work; the load re-checks under its table locks.
  if (!replace) {
    const present = await occupiedTables(db, TABLE_NAMES);
    if (Object.keys(present).length > 0) throw new DataPresentError(present);
  }

  const vehicles = vehicleCountFor(scale);
  const useWorker = options.worker === true || ((options.worker ?? "auto") === "auto" && vehicles >= WORKER_THRESHOLD);
  const producer: ChunkProducer =
    (useWorker ? await WorkerProducer.start(seed, scale) : undefined) ?? new InThreadProducer(seed, scale);

  const tables: Partial<Record<TableName, number>> = {};
  const finished = new Set<TableName>();
  let rowsDone = 0;
  // Copied tables count as they are; the others as planned (exact once the
  // plan is built) or estimated.
  const totalRows = () => {
    const planned = producer.planCounts;
    const expected: Record<TableName, number> = {
      plants: 5,
      suppliers: 40,
      parts: 1_200,
      inventory: EXPECTED_INVENTORY_ROWS,
      vehicles,
      customers: planned?.customers ?? Math.round(vehicles * PER_VEHICLE.customers),
      salesorders: planned?.salesorders ?? Math.round(vehicles * PER_VEHICLE.salesorders),
      servicerecords: planned?.servicerecords ?? Math.round(vehicles * PER_VEHICLE.servicerecords),
    };
    return TABLE_NAMES.reduce((sum, t) => sum + (finished.has(t) ? (tables[t] ?? 0) : expected[t]), 0);
  };
  let phase: GenerateProgress["phase"] = "prepare";
  let detail: string | undefined;
  const report = () =>
    options.onProgress?.({ phase, detail, rowsDone: Math.min(rowsDone, totalRows()), rowsTotal: totalRows(), tables: { ...tables } });

  const source = (table: TableName) => {
    const chunks = producer.chunks(table);
    tables[table] = 0;
    return (async function* () {
      for await (const chunk of chunks) {
        yield chunk.data;
        rowsDone += chunk.rows;
        tables[table] = (tables[table] ?? 0) + chunk.rows;
        report();
      }
      finished.add(table);
    })();
  };
  const onStep = (step: LoadStep) => {
    phase = step.step;
    detail = step.step === "copy" ? step.table : step.step === "index" || step.step === "constraint" ? step.name : undefined;
    report();
  };

  try {
    const counts = await withLoadSession(db, (session) =>
      bulkLoad(session, {
        tables: TABLE_NAMES,
        columns: TABLE_COLUMNS,
        source,
        replace,
        onStep,
        // Orders and service records are written in VIN order, not id order.
        rebuildPrimaryKeys: ["salesorders", "servicerecords"],
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    phase = "done";
    detail = undefined;
    rowsDone = Object.values(counts).reduce((a, b) => a + b, 0);
    options.onProgress?.({ phase, rowsDone, rowsTotal: rowsDone, tables: counts });
    return { scale, seed, counts, seconds };
  } finally {
    await producer.close();
  }
}
