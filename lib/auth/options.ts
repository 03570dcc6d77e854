import "server-only";
import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { clientIp, recordAudit } from "../audit/record";
import { getDb } from "../db";
import { serverSettings } from "../env";
import { getLoginRateLimiter, minutesUntil } from "../security/rate-limit";
import { hashPassword, verifyPassword } from "./password";
import { isRole } from "./roles";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

// A hash of a random password, so that an unknown e-mail address takes as long
// to refuse as a wrong password (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64"));
  return dummyHash;
}

/** How long a session lasts after signing in: SESSION_MAX_AGE_HOURS, 8 hours by default. */
export const SESSION_MAX_AGE_S = serverSettings().SESSION_MAX_AGE_HOURS * 60 * 60;

/**
 * The error code the login form turns into "Too many failed sign-ins. Try again
 * in N minutes.": next-auth hands a thrown error's message to the form as is.
 */
export function tooManyAttemptsCode(retryAfterMs: number): string {
  return `TooManyAttempts:${minutesUntil(retryAfterMs)}`;
}

/** The request headers next-auth passes to authorize (a plain object), for clientIp. */
function headerReader(headers: Record<string, unknown> | undefined): Pick<Headers, "get"> {
  return {
    get(name: string) {
      const value = headers?.[name.toLowerCase()];
      if (Array.isArray(value)) return value.join(",");
      return typeof value === "string" ? value : null;
    },
  };
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientIp(headerReader(req?.headers));

        // Throttled: refuse before looking at the password, so that guessing stops here.
        const limiter = getLoginRateLimiter();
        const check = await limiter.check(email, ip);
        if (!check.allowed) {
          await recordAudit({
            action: "auth.sign_in_throttled",
            email,
            ip,
            details: { scope: check.scope, retryAfterMinutes: minutesUntil(check.retryAfterMs) },
          });
          throw new Error(tooManyAttemptsCode(check.retryAfterMs));
        }

        const db = await getDb().catch(() => {
          throw new Error("DatabaseUnavailable");
        });
        const user = await db.prisma.user
          .findUnique({
            where: { email },
            select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
          })
          .catch(() => {
            throw new Error("DatabaseUnavailable");
          });
        const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
        if (!user || !ok || !user.active) {
          const next = await limiter.recordFailure(email, ip);
          const reason = !user ? "unknown_account" : !ok ? "wrong_password" : "inactive_account";
          await recordAudit({
            action: "auth.sign_in_failed",
            email,
            ip,
            details: next.allowed ? { reason } : { reason, lockedFor: next.scope, lockMinutes: minutesUntil(next.retryAfterMs) },
          });
          return null;
        }
        await limiter.recordSuccess(email);
        await recordAudit({ action: "auth.sign_in", actor: { id: user.id, email: user.email }, ip });
        return { id: String(user.id), email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user && isRole(user.role)) token.role = user.role;
      return token;
    },
    session({ session, token }) {
      if (session.user && isRole(token.role)) {
        session.user.role = token.role;
        session.user.id = token.sub ?? "";
      }
      return session;
    },
  },
};
