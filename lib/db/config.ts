import path from "node:path";

/** Where the portal's data lives: a PostgreSQL server, or the embedded engine. */
export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string };

export const DEFAULT_EMBEDDED_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "pglite");

/**
 * `DATABASE_URL` selects a real PostgreSQL; without it the portal runs on the
 * embedded engine in `VOLTA_DATA_DIR` (default `.data/pglite`).
 */
export function databaseConfigFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `DATABASE_URL must be a postgresql:// URL (got "${redactUrl(url)}"). Unset it to use the embedded database.`,
      );
    }
    return { kind: "postgres", url };
  }
  return { kind: "embedded", dataDir: path.resolve(/*turbopackIgnore: true*/ env.VOLTA_DATA_DIR?.trim() || DEFAULT_EMBEDDED_DIR) };
}

/** A URL fit for logs and error messages: the password is masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:****@");
  }
}

export function describeDatabase(config: DatabaseConfig): string {
  return config.kind === "postgres"
    ? `PostgreSQL at ${redactUrl(config.url)}`
    : `embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), config.dataDir) || "."}`;
}
