// What the HTTP benchmarks share: a production server of their own on a free
// port, signed-in sessions, percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { DEMO_PASSWORD } from "../lib/auth/demo-users";
import type { DatabaseConfig } from "../lib/db/config";

const ROOT = path.join(import.meta.dirname, "..");

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the production server (scripts/start.ts, building into .next-bench when
 * sources changed) on `database`, with its own secret and sign-in limiter keys,
 * in a process group of its own; resolves once it answers.
 */
export async function startPortal(database: DatabaseConfig, log: string): Promise<{ baseURL: string; child: ChildProcess }> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEXTAUTH_URL: baseURL,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_DIST_DIR: ".next-bench",
    LOGIN_RATE_LIMIT_PREFIX: `volta-bench-${randomBytes(4).toString("hex")}`,
  };
  if (database.kind === "postgres") env.DATABASE_URL = database.url;
  else {
    delete env.DATABASE_URL;
    env.VOLTA_DATA_DIR = database.dataDir;
  }
  console.log(`Starting the production server on ${baseURL} (builds into .next-bench when sources changed; log ${log})…`);
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "--port", String(port)], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", fs.openSync(log, "w"), fs.openSync(log, "a")],
  });
  child.unref();
  const deadline = Date.now() + 600_000;
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? 1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the portal exited with code ${exited}; see ${log}`);
    try {
      if ((await fetch(`${baseURL}/login`)).ok) return { baseURL, child };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stopPortal(child);
  throw new Error(`the portal did not answer within 10 minutes; see ${log}`);
}

/** Stops the server's whole process group: SIGTERM, then SIGKILL after 5 s. */
export async function stopPortal(child: ChildProcess | null): Promise<void> {
  if (!child?.pid) return;
  const group = -child.pid;
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return;
  }
  for (let k = 0; k < 20; k++) {
    await new Promise((r) => setTimeout(r, 250));
    try {
      process.kill(group, 0);
    } catch {
      return;
    }
  }
  try {
    process.kill(group, "SIGKILL");
  } catch {
    /* gone */
  }
}

/** Signs in through next-auth's credentials flow; returns the Cookie header to send. */
export async function signIn(baseURL: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: baseURL },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${baseURL}/`, json: "true" }),
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${email} failed (status ${login.status})`);
  return cookie();
}
