// The security headers every page and API response carries, set by proxy.ts.
// Pure functions without Node-only imports: the request gate may run them in
// any runtime.

/** A fresh random nonce for one response's Content-Security-Policy (128 bits, base64). */
export function generateNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = {
  nonce: string;
  /** `next dev` evaluates code for its error overlay and fast refresh. */
  dev?: boolean;
  /** Served over https: ask the browser to upgrade any http sub-request. */
  https?: boolean;
};

/**
 * The Content-Security-Policy of a page.
 *
 * - script-src: only scripts carrying this response's nonce (Next.js adds it to
 *   its own scripts when it finds the nonce in the request's CSP header), and
 *   what they load ('strict-dynamic': the chunks Next loads on demand, such as
 *   the Plotly bundle). 'self' is a fallback for browsers without
 *   'strict-dynamic'. No 'unsafe-eval' in production: Plotly's basic (SVG)
 *   charts do not need it; the e2e suite renders them under this policy.
 * - style-src 'unsafe-inline': Plotly injects <style> elements and style
 *   attributes at run time, and pages render style attributes on the server.
 *   No nonce here on purpose: a nonce would make browsers ignore 'unsafe-inline'.
 * - img-src data: blob:: Plotly's "download as PNG" and mode-bar images.
 * - frame-ancestors 'none': no framing (clickjacking); X-Frame-Options says the
 *   same to older browsers.
 */
export function buildContentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as Array<[string]>) : []),
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** The directives of a policy by name, for tests and checks. */
export function parseContentSecurityPolicy(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values;
  }
  return out;
}

/** Headers for every response (pages, API routes, redirects), apart from the CSP. */
export function securityHeaders({ https = false }: { https?: boolean } = {}): Record<string, string> {
  return {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // HSTS only means something, and is only honoured, over https.
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/**
 * Whether the client reached us over https: directly, or through a proxy that
 * terminated TLS and said so in X-Forwarded-Proto.
 */
export function isHttps(url: URL, headers: Pick<Headers, "get">): boolean {
  if (url.protocol === "https:") return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
