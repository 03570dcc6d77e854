import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { verifySessionToken } from "./lib/auth/session-token";
import { buildContentSecurityPolicy, generateNonce, isHttps, securityHeaders } from "./lib/security/headers";
import { isPublicPath } from "./lib/security/public-paths";

// The request gate, for every page and API route:
// 1. security headers and a Content-Security-Policy with a fresh nonce on every
//    response, the login page included. Next.js reads the nonce from the CSP
//    request header and puts it on its own scripts (pages render per request);
// 2. no page or API route without a session, except the public paths (login, next-auth).
//    Pages check the session again on the server; this only turns strangers away early.
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = isHttps(request.nextUrl, request.headers);
  const nonce = generateNonce();
  const csp = buildContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  if (!isPublicPath(pathname)) {
    // Each distinct session token is decrypted once per process (lib/auth/session-token.ts).
    const raw = await getToken({ req: request, raw: true });
    const token = raw ? await verifySessionToken(raw) : null;
    if (!token) {
      if (pathname.startsWith("/api/")) {
        return withSecurityHeaders(NextResponse.json({ error: "Sign in first." }, { status: 401 }), csp, https);
      }
      const login = new URL("/login", request.url);
      if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
      return withSecurityHeaders(NextResponse.redirect(login), csp, https);
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce); // for a server component that renders its own <Script nonce>
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, https);
}

function withSecurityHeaders(response: NextResponse, csp: string, https: boolean): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything except build assets and the icon, which need neither a session nor a CSP.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
