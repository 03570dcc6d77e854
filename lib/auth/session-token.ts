import { decode, getToken } from "next-auth/jwt";

/**
 * The session cookie, verified once per distinct token and remembered: next-auth's
 * session JWT is encrypted (A256GCM, key derived with HKDF from NEXTAUTH_SECRET),
 * and decrypting it on every request is a measurable part of a request's cost.
 * The result depends only on the token's exact bytes and the secret, so a token
 * that verified once verifies again until it expires; the expiry is checked on
 * every use, as `decode` does (with its 15 s clock tolerance). Failures are not
 * remembered (a stranger cannot fill the table), and the table is bounded.
 */

export type SessionClaims = { sub: string; exp: number };

const MAX_ENTRIES = 5_000;
const CLOCK_TOLERANCE_S = 15;
const verified = new Map<string, SessionClaims>();

export async function verifySessionToken(token: string, secret = process.env.NEXTAUTH_SECRET): Promise<SessionClaims | null> {
  if (!secret) return null;
  const now = Date.now() / 1000;
  const known = verified.get(token);
  if (known) {
    if (known.exp + CLOCK_TOLERANCE_S > now) return known;
    verified.delete(token);
    return null;
  }
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret });
  } catch {
    return null; // tampered, another secret, expired
  }
  if (!payload || typeof payload.sub !== "string" || typeof payload.exp !== "number") return null;
  const claims = { sub: payload.sub, exp: payload.exp };
  if (verified.size >= MAX_ENTRIES) verified.delete(verified.keys().next().value!);
  verified.set(token, claims);
  return claims;
}

type CookieSource = { getAll(): Array<{ name: string; value: string }> };

/**
 * The session's claims from the request's cookies only (not an Authorization
 * header), under next-auth's cookie name (`__Secure-` when NEXTAUTH_URL is https),
 * chunked cookies joined as next-auth does.
 */
export async function sessionFromCookies(cookies: CookieSource): Promise<SessionClaims | null> {
  const raw = await getToken({ req: { cookies, headers: {} } as never, raw: true });
  return raw ? verifySessionToken(raw) : null;
}
