// Worker thread: generates every table as CSV bytes, in load order, while
// the main thread streams the previous chunks into the database. A shared
// counter of chunks in flight keeps the worker at most a few chunks ahead.

import { parentPort, workerData } from "node:worker_threads";
import { DataGenerator, TABLE_NAMES } from "./tables";

export type WorkerInput = { seed: number; scale: number; control: SharedArrayBuffer; maxInFlight: number };

export type WorkerMessage =
  | { type: "chunk"; table: string; bytes: ArrayBuffer; rows: number }
  | { type: "end"; table: string }
  | { type: "plan"; customers: number; salesorders: number; servicerecords: number }
  | { type: "error"; message: string; stack?: string }
  | { type: "ready" };

function run() {
  const port = parentPort;
  if (!port) throw new Error("worker.ts must run in a worker thread");
  const input = workerData as WorkerInput;
  const inFlight = new Int32Array(input.control);
  const encoder = new TextEncoder();
  const post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  post({ type: "ready" });
  try {
    const generator = new DataGenerator(input.seed, input.scale);
    for (const table of TABLE_NAMES) {
      if (table === "vehicles") {
        const plan = generator.plan;
        post({
          type: "plan",
          customers: plan.customerCount,
          salesorders: plan.orderCount,
          servicerecords: plan.serviceRecordCount,
        });
      }
      for (const chunk of generator.chunks(table)) {
        // Wait for the consumer when it is maxInFlight chunks behind.
        for (let seen = Atomics.load(inFlight, 0); seen >= input.maxInFlight; seen = Atomics.load(inFlight, 0)) {
          Atomics.wait(inFlight, 0, seen, 1000);
        }
        const bytes = encoder.encode(chunk.text);
        Atomics.add(inFlight, 0, 1);
        post({ type: "chunk", table, bytes: bytes.buffer as ArrayBuffer, rows: chunk.rows }, [bytes.buffer as ArrayBuffer]);
      }
      post({ type: "end", table });
    }
  } catch (error) {
    const e = error as Error;
    post({ type: "error", message: e.message, stack: e.stack });
  }
}

run();
