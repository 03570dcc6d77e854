import "server-only";
import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db";
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

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

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
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const db = await getDb().catch(() => {
          throw new Error("DatabaseUnavailable");
        });
        const user = await db.prisma.user
          .findUnique({
            where: { email: parsed.data.email },
            select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
          })
          .catch(() => {
            throw new Error("DatabaseUnavailable");
          });
        const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), parsed.data.password);
        if (!user || !ok || !user.active) return null;
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
