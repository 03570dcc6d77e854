// The server's settings from the environment, checked once at start
// (instrumentation.ts) so that a misconfigured production server refuses to run
// instead of running insecurely. No "server-only" here: scripts/start.ts and the
// tests import this module too.
import { z } from "zod";

const MIN_SECRET_LENGTH = 32;

/** Placeholder words people leave in example configuration. */
const PLACEHOLDER_WORDS = [
  "changeme",
  "changethis",
  "replaceme",
  "secret",
  "password",
  "nextauthsecret",
  "authsecret",
  "yoursecret",
  "yoursecrethere",
  "mysecret",
  "supersecret",
  "example",
  "default",
  "test",
  "dev",
  "development",
  "volta",
  "xxx",
];

/**
 * Whether a secret is an obvious placeholder or has too little variety to be
 * random: "changeme", "secret" repeated to length, "aaaa…", "0123…".
 */
export function isWeakSecret(secret: string): boolean {
  const squashed = secret.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (["changeme", "replaceme", "yoursecrethere", "changethis"].some((w) => squashed.includes(w))) return true;
  // Made only of placeholder words and digits, e.g. "secretsecret…", "password123…".
  const words = PLACEHOLDER_WORDS.join("|");
  if (new RegExp(`^(?:(?:${words})\\d*)+$`).test(squashed)) return true;
  // Random strings of 32+ characters from base64 or hex use far more than 10 distinct characters.
  if (new Set(secret).size < 10) return true;
  return false;
}

const HOW_TO_MAKE_A_SECRET = "Make one with: openssl rand -base64 32";

/** A positive whole number from an environment variable, with a default when unset or empty. */
function count(name: string, fallback: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce
      .number({ message: `${name} must be a number` })
      .int({ message: `${name} must be a whole number` })
      .min(1, { message: `${name} must be at least 1` })
      .max(max, { message: `${name} must be at most ${max}` })
      .default(fallback),
  );
}

const settingsSchema = z.object({
  /** How long a session lasts after signing in. */
  SESSION_MAX_AGE_HOURS: count("SESSION_MAX_AGE_HOURS", 8, 24 * 30),
  /** Failed sign-ins for one account (any address) before it is locked for a while. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: count("LOGIN_MAX_FAILURES_PER_ACCOUNT", 5, 1000),
  /** Failed sign-ins from one client address (any account) before it is locked for a while. */
  LOGIN_MAX_FAILURES_PER_IP: count("LOGIN_MAX_FAILURES_PER_IP", 20, 100_000),
  /** The window the failures are counted in, and how long a lock lasts. */
  LOGIN_FAILURE_WINDOW_MINUTES: count("LOGIN_FAILURE_WINDOW_MINUTES", 15, 24 * 60),
  /** Shared counters for several server instances; in-memory counters when unset. */
  REDIS_URL: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .string()
      .trim()
      .regex(/^rediss?:\/\/\S+$/, { message: "REDIS_URL must start with redis:// or rediss://" })
      .optional(),
  ),
  /** Namespace of the limiter's Redis keys, for deployments sharing one Redis. */
  LOGIN_RATE_LIMIT_PREFIX: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().max(100).regex(/^[\w:.-]+$/, { message: "LOGIN_RATE_LIMIT_PREFIX may hold letters, digits and _ : . - only" }).optional(),
  ),
});

export type ServerSettings = z.infer<typeof settingsSchema>;
export type ServerEnv = ServerSettings & { NODE_ENV: string; NEXTAUTH_SECRET: string | undefined };

type EnvSource = Record<string, string | undefined>;

function secretProblem(env: EnvSource): string | null {
  const production = env.NODE_ENV === "production";
  const secret = env.NEXTAUTH_SECRET?.trim() ?? "";
  if (!production) return null; // development and tests: next-auth derives a throwaway secret
  if (!secret) {
    return `NEXTAUTH_SECRET is not set. It signs the session cookies and must be a long random value. ${HOW_TO_MAKE_A_SECRET}`;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return `NEXTAUTH_SECRET is too short (${secret.length} characters; at least ${MIN_SECRET_LENGTH} are needed). ${HOW_TO_MAKE_A_SECRET}`;
  }
  if (isWeakSecret(secret)) {
    return `NEXTAUTH_SECRET looks like a placeholder or is not random enough. ${HOW_TO_MAKE_A_SECRET}`;
  }
  return null;
}

export type EnvCheck = { ok: true; env: ServerEnv } | { ok: false; problems: string[] };

/** Checks the environment; never echoes secret values. */
export function checkServerEnv(env: EnvSource = process.env): EnvCheck {
  const problems: string[] = [];
  const secret = secretProblem(env);
  if (secret) problems.push(secret);
  const settings = settingsSchema.safeParse(env);
  if (!settings.success) problems.push(...settings.error.issues.map((issue) => issue.message));
  if (problems.length > 0 || !settings.success) return { ok: false, problems };
  return {
    ok: true,
    env: { ...settings.data, NODE_ENV: env.NODE_ENV ?? "development", NEXTAUTH_SECRET: env.NEXTAUTH_SECRET?.trim() || undefined },
  };
}

/** The message printed when the server refuses to start. */
export function describeEnvProblems(problems: string[]): string {
  return ["Volta Analytics cannot start: the configuration is not safe to run with.", ...problems.map((p) => `  - ${p}`)].join("\n");
}

/** The checked environment, or an error listing every problem. */
export function validateServerEnv(env: EnvSource = process.env): ServerEnv {
  const result = checkServerEnv(env);
  if (!result.ok) throw new Error(describeEnvProblems(result.problems));
  return result.env;
}

/**
 * The non-secret settings (session length, sign-in limits, Redis). These are
 * read where they are used, also during `next build`, where the secret may be
 * absent; the secret itself is checked at server start.
 */
export function serverSettings(env: EnvSource = process.env): ServerSettings {
  const settings = settingsSchema.safeParse(env);
  if (!settings.success) throw new Error(describeEnvProblems(settings.error.issues.map((issue) => issue.message)));
  return settings.data;
}

/**
 * At server start: prints every problem and stops the process when the
 * environment is not safe to run with (see instrumentation.ts).
 */
export function enforceServerEnv(env: EnvSource = process.env): void {
  const result = checkServerEnv(env);
  if (result.ok) return;
  console.error(describeEnvProblems(result.problems));
  process.exit(1);
}
