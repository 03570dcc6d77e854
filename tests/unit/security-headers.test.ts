import { describe, expect, it } from "vitest";
import { sameOrigin } from "@/lib/access/guard";
import {
  buildContentSecurityPolicy,
  generateNonce,
  isHttps,
  parseContentSecurityPolicy,
  securityHeaders,
} from "@/lib/security/headers";
import { isPublicPath } from "@/lib/security/public-paths";

describe("Content-Security-Policy", () => {
  it("allows scripts by this response's nonce only, and what they load", () => {
    const csp = parseContentSecurityPolicy(buildContentSecurityPolicy({ nonce: "abc123==" }));
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["script-src"]).not.toContain("'unsafe-eval'");
  });

  it("locks down framing, base URLs, form targets and plugins", () => {
    const csp = parseContentSecurityPolicy(buildContentSecurityPolicy({ nonce: "n" }));
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["connect-src"]).toEqual(["'self'"]);
  });

  it("allows inline styles (Plotly) without a style nonce, which would disable 'unsafe-inline'", () => {
    const csp = parseContentSecurityPolicy(buildContentSecurityPolicy({ nonce: "n" }));
    expect(csp["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp["img-src"]).toEqual(["'self'", "data:", "blob:"]);
  });

  it("allows eval only in development, and upgrades requests only over https", () => {
    expect(parseContentSecurityPolicy(buildContentSecurityPolicy({ nonce: "n", dev: true }))["script-src"]).toContain("'unsafe-eval'");
    expect(buildContentSecurityPolicy({ nonce: "n" })).not.toContain("upgrade-insecure-requests");
    expect(buildContentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
  });

  it("is one header line without stray whitespace", () => {
    const csp = buildContentSecurityPolicy({ nonce: "n" });
    expect(csp).not.toMatch(/\n|\s{2,}|;\s*;/);
    expect(csp.startsWith("default-src 'self'; script-src")).toBe(true);
  });

  it("gets a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, generateNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("other security headers", () => {
  it("sets referrer, sniffing, framing and permissions policies", () => {
    expect(securityHeaders()).toMatchObject({
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
    });
    expect(securityHeaders()["Permissions-Policy"]).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  });

  it("sends HSTS only over https", () => {
    expect(securityHeaders()).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(isHttps(new URL("https://volta.example/"), new Headers())).toBe(true);
    expect(isHttps(new URL("http://10.0.0.2:3000/"), new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps(new URL("http://10.0.0.2:3000/"), new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isHttps(new URL("http://127.0.0.1:3000/"), new Headers())).toBe(false);
  });
});

describe("public paths of the request gate", () => {
  it("lets the login page and next-auth through, nothing else", () => {
    for (const path of ["/login", "/api/auth/csrf", "/api/auth/callback/credentials", "/api/auth/session"]) {
      expect(isPublicPath(path), path).toBe(true);
    }
    for (const path of ["/", "/revenue", "/loginx", "/api/export/revenue", "/api/authx", "/admin/users"]) {
      expect(isPublicPath(path), path).toBe(false);
    }
  });
});

describe("sameOrigin (CSRF check of state-changing route handlers)", () => {
  const request = (headers: Record<string, string>) => new Request("http://portal.volta.example/api/export/x", { method: "POST", headers });

  it("accepts a request whose Origin matches the Host", () => {
    expect(sameOrigin(request({ host: "portal.volta.example", origin: "http://portal.volta.example" }))).toBe(true);
    expect(sameOrigin(request({ host: "127.0.0.1:3100", origin: "http://127.0.0.1:3100" }))).toBe(true);
  });

  it("falls back to the Referer when there is no Origin", () => {
    expect(sameOrigin(request({ host: "portal.volta.example", referer: "https://portal.volta.example/admin/users" }))).toBe(true);
    expect(sameOrigin(request({ host: "portal.volta.example", referer: "https://evil.example/portal.volta.example" }))).toBe(false);
  });

  it("prefers X-Forwarded-Host (behind a proxy) over Host", () => {
    expect(
      sameOrigin(request({ host: "10.0.0.2:3000", "x-forwarded-host": "portal.volta.example", origin: "https://portal.volta.example" })),
    ).toBe(true);
  });

  it("refuses other origins, other ports, look-alike hosts and missing or malformed headers", () => {
    expect(sameOrigin(request({ host: "portal.volta.example", origin: "https://evil.example" }))).toBe(false);
    expect(sameOrigin(request({ host: "portal.volta.example", origin: "http://portal.volta.example:8080" }))).toBe(false);
    expect(sameOrigin(request({ host: "portal.volta.example", origin: "http://portal.volta.example.evil.example" }))).toBe(false);
    expect(sameOrigin(request({ host: "portal.volta.example", origin: "null" }))).toBe(false);
    expect(sameOrigin(request({ host: "portal.volta.example" }))).toBe(false);
    expect(sameOrigin(request({ origin: "http://portal.volta.example" }))).toBe(false);
  });
});
