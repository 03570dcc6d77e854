import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkServerEnv, isWeakSecret, serverSettings, validateServerEnv } from "@/lib/env";

const strong = () => randomBytes(32).toString("base64");

function problemsOf(env: Record<string, string | undefined>): string[] {
  const result = checkServerEnv(env);
  return result.ok ? [] : result.problems;
}

describe("NEXTAUTH_SECRET in production", () => {
  it("refuses a missing secret, naming the variable and how to make one", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(problems[0]).toMatch(/openssl rand -base64 32/);
    expect(problemsOf({ NODE_ENV: "production", NEXTAUTH_SECRET: "   " })[0]).toMatch(/not set/);
  });

  it("refuses a secret shorter than 32 characters, without echoing it", () => {
    const problems = problemsOf({ NODE_ENV: "production", NEXTAUTH_SECRET: "k3Y-9xQ2-shorter-than-32" });
    expect(problems[0]).toMatch(/NEXTAUTH_SECRET is too short \(24 characters; at least 32/);
    expect(problems.join("\n")).not.toContain("k3Y-9xQ2");
  });

  it("refuses obvious placeholders and low-variety values even when long", () => {
    for (const weak of [
      "changeme",
      "secret",
      "changeme-changeme-changeme-changeme",
      "secretsecretsecretsecretsecretsecret",
      "please-changeme-before-going-live-0123456789",
      "password1234567890password1234567890",
      "a".repeat(40),
      "abababababababababababababababababab",
    ]) {
      expect(problemsOf({ NODE_ENV: "production", NEXTAUTH_SECRET: weak }), weak).not.toEqual([]);
    }
    expect(problemsOf({ NODE_ENV: "production", NEXTAUTH_SECRET: "secretsecretsecretsecretsecretsecret" })[0]).toMatch(
      /NEXTAUTH_SECRET looks like a placeholder/,
    );
  });

  it("accepts random secrets from openssl, base64url and hex", () => {
    for (let i = 0; i < 20; i++) {
      expect(checkServerEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: strong() }).ok).toBe(true);
      expect(checkServerEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(32).toString("base64url") }).ok).toBe(true);
      expect(checkServerEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(16).toString("hex") }).ok).toBe(true);
    }
    expect(isWeakSecret(strong())).toBe(false);
  });

  it("throws from validateServerEnv with every problem listed", () => {
    expect(() => validateServerEnv({ NODE_ENV: "production", SESSION_MAX_AGE_HOURS: "0" })).toThrow(
      /cannot start[\s\S]*NEXTAUTH_SECRET is not set[\s\S]*SESSION_MAX_AGE_HOURS must be at least 1/,
    );
  });
});

describe("development and tests", () => {
  it("runs without a secret, or with a short one", () => {
    expect(checkServerEnv({ NODE_ENV: "development" }).ok).toBe(true);
    expect(checkServerEnv({ NODE_ENV: "test", NEXTAUTH_SECRET: "dev" }).ok).toBe(true);
    expect(checkServerEnv({}).ok).toBe(true);
  });
});

describe("settings", () => {
  it("defaults to an 8 hour session and 5 per account / 20 per address in 15 minutes, memory store", () => {
    expect(serverSettings({})).toEqual({
      SESSION_MAX_AGE_HOURS: 8,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
      LOGIN_MAX_FAILURES_PER_IP: 20,
      LOGIN_FAILURE_WINDOW_MINUTES: 15,
      REDIS_URL: undefined,
      LOGIN_RATE_LIMIT_PREFIX: undefined,
    });
    expect(serverSettings({ SESSION_MAX_AGE_HOURS: "", REDIS_URL: " " }).SESSION_MAX_AGE_HOURS).toBe(8);
  });

  it("reads the session length and limits from the environment", () => {
    const settings = serverSettings({
      SESSION_MAX_AGE_HOURS: "12",
      LOGIN_MAX_FAILURES_PER_ACCOUNT: "3",
      LOGIN_MAX_FAILURES_PER_IP: "50",
      LOGIN_FAILURE_WINDOW_MINUTES: "30",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(settings).toMatchObject({
      SESSION_MAX_AGE_HOURS: 12,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 3,
      LOGIN_MAX_FAILURES_PER_IP: 50,
      LOGIN_FAILURE_WINDOW_MINUTES: 30,
      REDIS_URL: "redis://127.0.0.1:6379",
    });
  });

  it("refuses values that are not positive whole numbers, or not a Redis URL", () => {
    expect(problemsOf({ SESSION_MAX_AGE_HOURS: "eight" })).toEqual(["SESSION_MAX_AGE_HOURS must be a number"]);
    expect(problemsOf({ SESSION_MAX_AGE_HOURS: "1.5" })).toEqual(["SESSION_MAX_AGE_HOURS must be a whole number"]);
    expect(problemsOf({ SESSION_MAX_AGE_HOURS: "0" })).toEqual(["SESSION_MAX_AGE_HOURS must be at least 1"]);
    expect(problemsOf({ SESSION_MAX_AGE_HOURS: "100000" })).toEqual(["SESSION_MAX_AGE_HOURS must be at most 720"]);
    expect(problemsOf({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "-1" })).toEqual(["LOGIN_MAX_FAILURES_PER_ACCOUNT must be at least 1"]);
    expect(problemsOf({ REDIS_URL: "localhost:6379" })).toEqual(["REDIS_URL must start with redis:// or rediss://"]);
    expect(() => serverSettings({ LOGIN_FAILURE_WINDOW_MINUTES: "x" })).toThrow(/LOGIN_FAILURE_WINDOW_MINUTES must be a number/);
  });
});
