// Sources of CSV chunks for the load: generated in this thread, or in a
// worker thread so that generation and the database's ingestion overlap.

import { Worker } from "node:worker_threads";
import { DataGenerator, TABLE_NAMES, type TableName } from "./tables";
import type { WorkerInput, WorkerMessage } from "./worker";

export type ProducedChunk = { data: string | Uint8Array; rows: number };

export interface ChunkProducer {
  /** The chunks of `table`; tables must be taken in load order (TABLE_NAMES). */
  chunks(table: TableName): AsyncIterable<ProducedChunk>;
  /** Exact row counts of the plan-dependent tables, once the plan is built (when the vehicles start). */
  readonly planCounts?: { customers: number; salesorders: number; servicerecords: number };
  close(): Promise<void>;
}

export class InThreadProducer implements ChunkProducer {
  private readonly generator: DataGenerator;

  constructor(seed: number, scale: number) {
    this.generator = new DataGenerator(seed, scale);
  }

  get planCounts() {
    if (!this.generator.hasPlan) return undefined;
    const plan = this.generator.plan;
    return { customers: plan.customerCount, salesorders: plan.orderCount, servicerecords: plan.serviceRecordCount };
  }

  async *chunks(table: TableName): AsyncIterable<ProducedChunk> {
    for (const chunk of this.generator.chunks(table)) {
      yield { data: chunk.text, rows: chunk.rows };
      // Let I/O callbacks run between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {}
}

/** Chunks the worker may produce ahead of the consumer (each is at most a few MB). */
const MAX_IN_FLIGHT = 24;

export class WorkerProducer implements ChunkProducer {
  planCounts?: { customers: number; salesorders: number; servicerecords: number };
  private readonly queue: WorkerMessage[] = [];
  private wake?: () => void;
  private failure?: Error;
  private readonly inFlight: Int32Array;
  private exited = false;
  private nextTable = 0;

  private constructor(private readonly worker: Worker, control: SharedArrayBuffer) {
    this.inFlight = new Int32Array(control);
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "ready") return;
      if (message.type === "plan") {
        this.planCounts = { customers: message.customers, salesorders: message.salesorders, servicerecords: message.servicerecords };
        return;
      }
      if (message.type === "error") {
        this.fail(Object.assign(new Error(`data generation failed: ${message.message}`), { stack: message.stack }));
        return;
      }
      this.queue.push(message);
      this.wake?.();
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      this.exited = true;
      if (code !== 0) this.fail(new Error(`the data generation worker stopped with code ${code}`));
      this.wake?.();
    });
  }

  /**
   * Starts the worker; resolves once it runs, or with `undefined` when worker
   * threads cannot load this module here (e.g. under a bundler or a test
   * runner without a TypeScript loader), so that callers can fall back.
   */
  static async start(seed: number, scale: number): Promise<WorkerProducer | undefined> {
    const control = new SharedArrayBuffer(4);
    const input: WorkerInput = { seed, scale, control, maxInFlight: MAX_IN_FLIGHT };
    let worker: Worker;
    try {
      const typescript = import.meta.url.endsWith(".ts");
      const url = new URL(typescript ? "./worker-entry.mjs" : "./worker.js", import.meta.url);
      if (url.protocol !== "file:") return undefined;
      worker = new Worker(url, {
        workerData: input,
        // A large young generation: the generator makes many short-lived strings.
        resourceLimits: { maxYoungGenerationSizeMb: 192 },
        stdout: false,
        stderr: false,
      });
    } catch {
      return undefined;
    }
    const started = await new Promise<boolean>((resolve) => {
      const onMessage = () => {
        cleanup();
        resolve(true);
      };
      const onError = () => {
        cleanup();
        resolve(false);
      };
      const cleanup = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onError);
      };
      worker.once("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onError);
    });
    if (!started) {
      await worker.terminate().catch(() => undefined);
      return undefined;
    }
    return new WorkerProducer(worker, control);
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.wake?.();
  }

  private async take(): Promise<WorkerMessage> {
    for (;;) {
      if (this.failure) throw this.failure;
      const message = this.queue.shift();
      if (message) return message;
      if (this.exited) throw new Error("the data generation worker ended early");
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  async *chunks(table: TableName): AsyncIterable<ProducedChunk> {
    if (TABLE_NAMES[this.nextTable] !== table) throw new Error(`tables must be taken in load order (next: ${TABLE_NAMES[this.nextTable]})`);
    this.nextTable += 1;
    for (;;) {
      const message = await this.take();
      if (message.type === "end") {
        if (message.table !== table) throw new Error(`expected the end of ${table}, got ${message.table}`);
        return;
      }
      if (message.type !== "chunk" || message.table !== table) throw new Error(`unexpected ${message.type} from the worker`);
      Atomics.sub(this.inFlight, 0, 1);
      Atomics.notify(this.inFlight, 0);
      yield { data: new Uint8Array(message.bytes), rows: message.rows };
    }
  }

  async close(): Promise<void> {
    if (!this.exited) await this.worker.terminate().catch(() => undefined);
  }
}
