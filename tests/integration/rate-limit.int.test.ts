import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLimiterRedis, LoginRateLimiter, minutesUntil, type LoginLimits } from "@/lib/security/rate-limit";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const LIMITS: LoginLimits = { maxFailuresPerAccount: 3, maxFailuresPerIp: 5, windowMinutes: 15 };
const RUN = `volta-test:${process.pid}-${randomBytes(4).toString("hex")}`;

async function redisReachable(): Promise<string | null> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
    return null;
  } catch (error) {
    return `Redis at ${REDIS_URL} is not reachable (${(error as Error).message})`;
  } finally {
    probe.disconnect();
  }
}
const redisProblem = await redisReachable();
if (redisProblem) console.warn(`[rate-limit.int] skipping the Redis store: ${redisProblem}`);

let redis: Redis | undefined;
let testNo = 0;

type Store = { name: string; skip: boolean; make: (limits?: LoginLimits) => LoginRateLimiter };
const stores: Store[] = [
  { name: "memory", skip: false, make: (limits = LIMITS) => new LoginRateLimiter(limits) },
  {
    name: "redis",
    skip: redisProblem !== null,
    make: (limits = LIMITS) => new LoginRateLimiter(limits, { redis: redis!, keyPrefix: `${RUN}:${++testNo}` }),
  },
];

beforeAll(() => {
  if (!redisProblem) redis = createLimiterRedis(REDIS_URL);
});

afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${RUN}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

for (const store of stores) {
  describe.skipIf(store.skip)(`sign-in limits, ${store.name} store`, () => {
    it("allows attempts until an account has failed N times, then blocks it for the window", async () => {
      const limiter = store.make();
      for (let i = 0; i < LIMITS.maxFailuresPerAccount - 1; i++) {
        expect(await limiter.check("victim@volta.example", `10.0.0.${i}`)).toEqual({ allowed: true });
        expect(await limiter.recordFailure("victim@volta.example", `10.0.0.${i}`)).toEqual({ allowed: true });
      }
      const last = await limiter.recordFailure("victim@volta.example", "10.0.0.9");
      expect(last).toMatchObject({ allowed: false, scope: "account" });
      const check = await limiter.check("victim@volta.example", "10.0.0.10");
      expect(check).toMatchObject({ allowed: false, scope: "account" });
      if (!check.allowed) {
        expect(check.retryAfterMs).toBeGreaterThan(14 * 60_000);
        expect(check.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
        expect(minutesUntil(check.retryAfterMs)).toBe(15);
      }
      // From any address, with any spelling of the address.
      expect(await limiter.check("  Victim@VOLTA.example ", "192.168.1.1")).toMatchObject({ allowed: false, scope: "account" });
      // Other accounts are not affected.
      expect(await limiter.check("someone-else@volta.example", "10.0.0.10")).toEqual({ allowed: true });
    });

    it("a success clears the account's failures", async () => {
      const limiter = store.make();
      for (let i = 0; i < LIMITS.maxFailuresPerAccount - 1; i++) await limiter.recordFailure("user@volta.example", "10.1.0.1");
      await limiter.recordSuccess("User@volta.example");
      // N-1 more failures are allowed again before the lock.
      for (let i = 0; i < LIMITS.maxFailuresPerAccount - 1; i++) {
        expect(await limiter.recordFailure("user@volta.example", "10.1.0.2")).toEqual({ allowed: true });
      }
      expect(await limiter.check("user@volta.example", "10.1.0.2")).toEqual({ allowed: true });
      expect(await limiter.recordFailure("user@volta.example", "10.1.0.2")).toMatchObject({ allowed: false, scope: "account" });
    });

    it("checking neither counts a failure nor lifts a lock", async () => {
      const limiter = store.make();
      for (let i = 0; i < 10; i++) expect(await limiter.check("checked@volta.example", "10.2.0.1")).toEqual({ allowed: true });
      for (let i = 0; i < LIMITS.maxFailuresPerAccount; i++) await limiter.recordFailure("locked@volta.example", "10.2.0.2");
      for (let i = 0; i < 3; i++) expect((await limiter.check("locked@volta.example", "10.2.0.2")).allowed).toBe(false);
    });

    it("blocks an address after N failures spread over many accounts (password spraying)", async () => {
      const limiter = store.make();
      const ip = "203.0.113.7";
      for (let i = 0; i < LIMITS.maxFailuresPerIp - 1; i++) {
        expect(await limiter.recordFailure(`spray-${i}@volta.example`, ip)).toEqual({ allowed: true });
      }
      expect(await limiter.recordFailure("spray-last@volta.example", ip)).toMatchObject({ allowed: false, scope: "ip" });
      expect(await limiter.check("fresh@volta.example", ip)).toMatchObject({ allowed: false, scope: "ip" });
      // Another address may still sign in to that account.
      expect(await limiter.check("fresh@volta.example", "203.0.113.8")).toEqual({ allowed: true });
      // A success does not reset the address's counter.
      await limiter.recordSuccess("fresh@volta.example");
      expect(await limiter.check("fresh@volta.example", ip)).toMatchObject({ allowed: false, scope: "ip" });
    });

    it("successes never count against an address", async () => {
      const limiter = store.make();
      for (let i = 0; i < 50; i++) {
        expect(await limiter.check("busy@volta.example", "127.0.0.1")).toEqual({ allowed: true });
        await limiter.recordSuccess("busy@volta.example");
      }
      expect(await limiter.check("other@volta.example", "127.0.0.1")).toEqual({ allowed: true });
    });

    it("counts per account only when the address is unknown", async () => {
      const limiter = store.make();
      for (let i = 0; i < LIMITS.maxFailuresPerAccount; i++) await limiter.recordFailure("noip@volta.example", null);
      expect(await limiter.check("noip@volta.example", null)).toMatchObject({ allowed: false, scope: "account" });
      expect(await limiter.check("other@volta.example", null)).toEqual({ allowed: true });
    });

    it("counts concurrent failures without losing any", async () => {
      const limiter = store.make({ ...LIMITS, maxFailuresPerAccount: 10, maxFailuresPerIp: 100 });
      const results = await Promise.all(
        Array.from({ length: 12 }, () => limiter.recordFailure("racing@volta.example", "198.51.100.1")),
      );
      expect(results.filter((r) => !r.allowed).length).toBeGreaterThanOrEqual(3); // the 10th, 11th, 12th
      expect(await limiter.check("racing@volta.example", "198.51.100.1")).toMatchObject({ allowed: false, scope: "account" });
    });
  });
}

describe.skipIf(redisProblem !== null)("Redis store specifics", () => {
  it("shares counters between limiter instances (several server processes)", async () => {
    const prefix = `${RUN}:shared`;
    const a = new LoginRateLimiter(LIMITS, { redis: redis!, keyPrefix: prefix });
    const b = new LoginRateLimiter(LIMITS, { redis: redis!, keyPrefix: prefix });
    await a.recordFailure("shared@volta.example", "10.9.0.1");
    await b.recordFailure("shared@volta.example", "10.9.0.2");
    await a.recordFailure("shared@volta.example", "10.9.0.3");
    expect(await b.check("shared@volta.example", "10.9.0.4")).toMatchObject({ allowed: false, scope: "account" });
    const ttl = await redis!.pttl(`${prefix}:account:shared@volta.example`);
    expect(ttl).toBeGreaterThan(14 * 60_000);
  });
});

describe("Redis unreachable", () => {
  it("falls back to in-memory counting at once instead of failing or hanging", async () => {
    const logged: string[] = [];
    const dead = createLimiterRedis("redis://127.0.0.1:1", (line) => logged.push(line));
    try {
      const limiter = new LoginRateLimiter(LIMITS, { redis: dead, keyPrefix: `${RUN}:dead` });
      const started = Date.now();
      for (let i = 0; i < LIMITS.maxFailuresPerAccount; i++) await limiter.recordFailure("down@volta.example", "10.3.0.1");
      expect(await limiter.check("down@volta.example", "10.3.0.1")).toMatchObject({ allowed: false, scope: "account" });
      await limiter.recordSuccess("down@volta.example");
      expect(await limiter.check("down@volta.example", "10.3.0.1")).toEqual({ allowed: true });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(logged.join("\n")).toMatch(/unreachable.*in memory/);
    } finally {
      dead.disconnect();
    }
  });
});
