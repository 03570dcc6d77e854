import path from "node:path";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { databaseConfigFromEnv, redactUrl } from "@/lib/db/config";

describe("database selection", () => {
  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: "postgresql://u:p@db:5432/volta" })).toEqual({
      kind: "postgres",
      url: "postgresql://u:p@db:5432/volta",
    });
  });
  it("uses the embedded engine in .data/pglite otherwise, or VOLTA_DATA_DIR", () => {
    expect(databaseConfigFromEnv({})).toEqual({ kind: "embedded", dataDir: path.join(process.cwd(), ".data", "pglite") });
    expect(databaseConfigFromEnv({ DATABASE_URL: "  ", VOLTA_DATA_DIR: "/tmp/x" })).toEqual({ kind: "embedded", dataDir: "/tmp/x" });
  });
  it("rejects a URL that is not PostgreSQL, without echoing its password", () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: "mysql://root:secret@db/volta" })).toThrow(/postgresql:\/\//);
    expect(() => databaseConfigFromEnv({ DATABASE_URL: "mysql://root:secret@db/volta" })).not.toThrow(/secret/);
    expect(redactUrl("postgresql://u:secret@db/volta")).toBe("postgresql://u:****@db/volta");
  });
});

describe("callback URLs after sign-in", () => {
  it("follows same-site paths only", () => {
    expect(safeCallbackUrl("/models")).toBe("/models");
    expect(safeCallbackUrl("/revenue?x=1")).toBe("/revenue?x=1");
    expect(safeCallbackUrl(["/inventory", "/models"])).toBe("/inventory");
  });
  it("refuses other sites, protocol tricks and loops back to the login page", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/login", "/api/auth/signout", undefined, 42, "/" + "a".repeat(3000)]) {
      expect(safeCallbackUrl(bad)).toBe("/");
    }
  });
});
