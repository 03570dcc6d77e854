// Sign-in throttling: failed sign-ins are counted per account and per client
// address; past the limit, further attempts are refused for a while without
// checking the password at all.
//
// Store: Redis when REDIS_URL is set (counters shared by every server instance
// and kept across restarts), else process memory (fine for one instance).
//
// When Redis is unreachable the limiter falls back to in-memory counters for
// the duration of the outage rather than failing closed. Failing closed would
// turn any Redis outage into nobody being able to sign in, while the memory
// fallback still limits guessing to the configured rate per server instance.
// The switch both ways is logged so that operators notice.
import "server-only";
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
  type RateLimiterStoreAbstract,
} from "rate-limiter-flexible";
import { serverSettings } from "../env";

export type LoginLimits = {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  /** Failures are counted over this window, and a lock lasts this long. */
  windowMinutes: number;
};

export type LoginCheck =
  | { allowed: true }
  | {
      allowed: false;
      /** Which counter is over its limit (the account's when both are). */
      scope: "account" | "ip";
      retryAfterMs: number;
    };

/** The counter key for an account: the e-mail address as sign-in compares it. */
export function normaliseAccount(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

/** Whole minutes until `ms` has passed, at least 1, for messages. */
export function minutesUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

type Limiter = RateLimiterAbstract | RateLimiterStoreAbstract;

export class LoginRateLimiter {
  readonly limits: LoginLimits;
  readonly store: "redis" | "memory";
  private readonly byAccount: Limiter;
  private readonly byIp: Limiter;
  private readonly ready: Promise<void>;

  constructor(limits: LoginLimits, options: { redis?: Redis; keyPrefix?: string } = {}) {
    this.limits = limits;
    const prefix = options.keyPrefix ?? "volta:login";
    const duration = limits.windowMinutes * 60;
    const make = (name: string, points: number): Limiter => {
      const keyPrefix = `${prefix}:${name}`;
      const memory = new RateLimiterMemory({ keyPrefix, points, duration });
      if (!options.redis) return memory;
      return new RateLimiterRedis({
        storeClient: options.redis,
        keyPrefix,
        points,
        duration,
        // Do not wait on a connection that is down: answer from memory at once.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    };
    this.byAccount = make("account", limits.maxFailuresPerAccount);
    this.byIp = make("ip", limits.maxFailuresPerIp);
    this.store = options.redis ? "redis" : "memory";
    this.ready = options.redis ? waitUntilReady(options.redis, 2_000) : Promise.resolve();
  }

  /** Whether a sign-in for `account` from `ip` may be attempted now. */
  async check(account: string, ip: string | null): Promise<LoginCheck> {
    await this.ready;
    const [byAccount, byIp] = await Promise.all([
      this.byAccount.get(normaliseAccount(account)),
      ip ? this.byIp.get(ip) : Promise.resolve(null),
    ]);
    if (byAccount && byAccount.consumedPoints >= this.limits.maxFailuresPerAccount) {
      return { allowed: false, scope: "account", retryAfterMs: Math.max(byAccount.msBeforeNext, 0) };
    }
    if (byIp && byIp.consumedPoints >= this.limits.maxFailuresPerIp) {
      return { allowed: false, scope: "ip", retryAfterMs: Math.max(byIp.msBeforeNext, 0) };
    }
    return { allowed: true };
  }

  /**
   * Counts a failed sign-in. A counter that reaches its limit is locked for a
   * whole window from this failure. Returns what the next attempt will meet.
   */
  async recordFailure(account: string, ip: string | null): Promise<LoginCheck> {
    await this.ready;
    const key = normaliseAccount(account);
    const [byAccount, byIp] = await Promise.all([
      countFailure(this.byAccount, key, this.limits.maxFailuresPerAccount, this.limits.windowMinutes),
      ip ? countFailure(this.byIp, ip, this.limits.maxFailuresPerIp, this.limits.windowMinutes) : Promise.resolve(null),
    ]);
    if (byAccount) return { allowed: false, scope: "account", retryAfterMs: byAccount };
    if (byIp) return { allowed: false, scope: "ip", retryAfterMs: byIp };
    return { allowed: true };
  }

  /** A successful sign-in clears the account's failures (not the address's: one success must not unlock a spray). */
  async recordSuccess(account: string): Promise<void> {
    await this.ready;
    await this.byAccount.delete(normaliseAccount(account));
  }
}

/** Adds one failure; when the limit is reached, locks the key and returns the lock's length in ms, else 0. */
async function countFailure(limiter: Limiter, key: string, limit: number, windowMinutes: number): Promise<number> {
  let consumed: number;
  try {
    consumed = (await limiter.consume(key, 1)).consumedPoints;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    consumed = error.consumedPoints; // already over the limit (concurrent attempts)
  }
  if (consumed < limit) return 0;
  const lock = await limiter.block(key, windowMinutes * 60);
  return Math.max(lock.msBeforeNext, 0);
}

/**
 * Resolves when the client is connected, has failed to connect, or after `ms`;
 * until it is connected the limiter answers from memory.
 */
function waitUntilReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      redis.off("error", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    redis.once("ready", done);
    redis.once("error", done);
  });
}

/** A Redis client for the limiter: fails fast while disconnected and keeps reconnecting in the background. */
export function createLimiterRedis(url: string, log: (message: string) => void = (m) => console.warn(m)): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
  });
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log(`[volta] Redis for sign-in limits is unreachable (${error.message}); counting failed sign-ins in memory until it is back.`);
  });
  redis.on("ready", () => {
    if (down) log("[volta] Redis for sign-in limits is reachable again.");
    down = false;
  });
  return redis;
}

export function loginLimitsFromEnv(env: Record<string, string | undefined> = process.env): LoginLimits {
  const settings = serverSettings(env);
  return {
    maxFailuresPerAccount: settings.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerIp: settings.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: settings.LOGIN_FAILURE_WINDOW_MINUTES,
  };
}

// One limiter per server process (kept on globalThis so that reloading modules in development does not reset it).
const GLOBAL_KEY = Symbol.for("volta.loginRateLimiter");
type WithLimiter = typeof globalThis & { [GLOBAL_KEY]?: LoginRateLimiter };

/** The server's sign-in limiter, configured from the environment. */
export function getLoginRateLimiter(): LoginRateLimiter {
  const holder = globalThis as WithLimiter;
  if (!holder[GLOBAL_KEY]) {
    const settings = serverSettings();
    holder[GLOBAL_KEY] = new LoginRateLimiter(loginLimitsFromEnv(), {
      redis: settings.REDIS_URL ? createLimiterRedis(settings.REDIS_URL) : undefined,
      keyPrefix: settings.LOGIN_RATE_LIMIT_PREFIX,
    });
  }
  return holder[GLOBAL_KEY];
}
