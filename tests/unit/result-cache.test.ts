import { describe, expect, it } from "vitest";
import { ResultCache } from "@/lib/cache/results";

function listening(maxEntries?: number, ttlMs?: number): ResultCache {
  const cache = new ResultCache(maxEntries, ttlMs);
  cache.listening = true;
  return cache;
}

/** A load that counts its calls and resolves when told. */
function deferredLoad<T>(value: T) {
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return {
    load: async () => {
      calls++;
      await gate;
      return value;
    },
    release: () => release(),
    get calls() {
      return calls;
    },
  };
}

describe("the dashboards' result cache", () => {
  it("keeps a result until the data changes, then reads again", async () => {
    const cache = listening();
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get("k", load)).toBe(1);
    expect(await cache.get("k", load)).toBe(1);
    expect(reads).toBe(1);
    cache.clear(); // a write committed
    expect(await cache.get("k", load)).toBe(2);
    expect(reads).toBe(2);
  });

  it("never answers one key (scope, filters) with another's result", async () => {
    const cache = listening();
    const plant1 = JSON.stringify([{ kind: "plants", plantIds: [1] }]);
    const all = JSON.stringify([{ kind: "all" }]);
    expect(await cache.get(plant1, async () => "plant 1 only")).toBe("plant 1 only");
    expect(await cache.get(all, async () => "every plant")).toBe("every plant");
    expect(await cache.get(plant1, async () => "wrong")).toBe("plant 1 only");
    expect(await cache.get(all, async () => "wrong")).toBe("every plant");
  });

  it("is off while not listening: every request reads the database", async () => {
    const cache = new ResultCache();
    let reads = 0;
    await cache.get("k", async () => ++reads);
    await cache.get("k", async () => ++reads);
    expect(reads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("does not keep a result read while something changed", async () => {
    const cache = listening();
    const slow = deferredLoad("read before the write");
    const pending = cache.get("k", slow.load);
    cache.clear(); // the write's notification arrives while the read is in flight
    slow.release();
    expect(await pending).toBe("read before the write"); // that request gets what it read…
    expect(await cache.get("k", async () => "after the write")).toBe("after the write"); // …the next one reads again
  });

  it("lets concurrent requests for one key share one query, but not across a change", async () => {
    const cache = listening();
    const first = deferredLoad(1);
    const a = cache.get("k", first.load);
    const b = cache.get("k", first.load);
    expect(first.calls).toBe(1);
    cache.clear();
    const c = cache.get("k", async () => 2);
    first.release();
    expect(await Promise.all([a, b, c])).toEqual([1, 1, 2]);
  });

  it("never keeps a failure", async () => {
    const cache = listening();
    await expect(cache.get("k", async () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await cache.get("k", async () => "back")).toBe("back");
  });

  it("is bounded: the least recently used entry goes first", async () => {
    const cache = listening(2);
    await cache.get("a", async () => "A");
    await cache.get("b", async () => "B");
    await cache.get("a", async () => "not read"); // a is now the most recently used
    await cache.get("c", async () => "C"); // evicts b
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => "reread")).toBe("A");
    expect(await cache.get("b", async () => "reread")).toBe("reread");
  });

  it("drops an entry after its time bound", async () => {
    const cache = listening(10, 1);
    await cache.get("k", async () => "old");
    await new Promise((r) => setTimeout(r, 5));
    expect(await cache.get("k", async () => "new")).toBe("new");
  });
});

describe("the result cache and the tables a result is read from", () => {
  it("keeps a sales result across a stock write, and drops it on a sales write", async () => {
    const cache = listening();
    const sales = ["plants", "vehicles", "customers", "salesorders"];
    await cache.get("revenue", async () => "revenue v1", sales);
    await cache.get("stock", async () => "stock v1"); // no tables named: depends on every table
    cache.invalidate("inventory"); // a stock movement committed
    expect(await cache.get("revenue", async () => "revenue v2", sales)).toBe("revenue v1");
    expect(await cache.get("stock", async () => "stock v2")).toBe("stock v2");
    cache.invalidate("salesorders"); // a sale committed
    expect(await cache.get("revenue", async () => "revenue v3", sales)).toBe("revenue v3");
    expect(await cache.get("stock", async () => "stock v3")).toBe("stock v3"); // every table's write drops it
  });

  it("keeps no read that was in flight during any write", async () => {
    const cache = listening();
    const slow = deferredLoad("read during a stock write");
    const pending = cache.get("revenue", slow.load, ["salesorders"]);
    cache.invalidate("inventory");
    slow.release();
    await pending;
    expect(await cache.get("revenue", async () => "read again", ["salesorders"])).toBe("read again");
  });
});

describe("a write in this process", () => {
  it("drops the results of the tables it names at once, and everything without names", async () => {
    const { processResultCache, noteDataChanged } = await import("@/lib/cache/results");
    const cache = processResultCache({ driver: { kind: "embedded", pglite: { listen: async () => async () => undefined } }, config: { kind: "embedded" } } as never);
    await new Promise((r) => setTimeout(r, 0)); // the listener reports itself up
    expect(cache.listening).toBe(true);
    await cache.get("revenue", async () => "revenue v1", ["salesorders"]);
    await cache.get("stock", async () => "stock v1", ["inventory"]);
    noteDataChanged(["inventory"]);
    expect(await cache.get("revenue", async () => "revenue v2", ["salesorders"])).toBe("revenue v1");
    expect(await cache.get("stock", async () => "stock v2", ["inventory"])).toBe("stock v2");
    noteDataChanged();
    expect(await cache.get("revenue", async () => "revenue v3", ["salesorders"])).toBe("revenue v3");
  });
});
