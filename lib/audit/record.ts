import "server-only";
import { headers } from "next/headers";
import { after } from "next/server";
import type { Prisma } from "../generated/prisma/client";
import { getDb } from "../db";

/** What the audit log records. */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "page.view",
  "data.export",
  "data.import",
  "order.record",
  "user.create",
  "user.update",
  "user.deactivate",
  "user.activate",
  "user.password_reset",
  "access.denied",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  action: AuditAction;
  actor?: { id: number; email: string } | null;
  /** For failed sign-ins: the address that was tried (there is no user id). */
  email?: string | null;
  target?: string | null;
  details?: Prisma.InputJsonValue;
  ip?: string | null;
};

/** The client address as the nearest proxy reports it (first X-Forwarded-For hop), else X-Real-IP. */
export function clientIp(headerList: Pick<Headers, "get">): string | null {
  const forwarded = headerList.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headerList.get("x-real-ip")?.trim() || null;
  return ip ? ip.slice(0, 64) : null;
}

/** The request's client address, outside route handlers (pages, server actions). */
export async function requestIp(): Promise<string | null> {
  try {
    return clientIp(await headers());
  } catch {
    return null; // outside a request (scripts)
  }
}

/**
 * Appends to the audit log. Auditing never breaks the action it records: a
 * failure to write is reported on the server log and swallowed.
 */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    const db = await getDb();
    await db.prisma.auditLog.create({
      data: {
        action: entry.action,
        userId: entry.actor?.id ?? null,
        userEmail: (entry.actor?.email ?? entry.email ?? null)?.slice(0, 320) ?? null,
        target: entry.target?.slice(0, 500) ?? null,
        details: entry.details,
        ip: entry.ip === undefined ? await requestIp() : entry.ip,
      },
    });
  } catch (error) {
    console.error("[volta] could not write the audit log:", error);
  }
}

/**
 * Records a page view after the response has been sent (the reader does not
 * wait for the audit write). The address is read now: request data is not
 * available to server components once the response is done.
 */
export async function auditPageView(actor: { id: number; email: string }, target: string): Promise<void> {
  const ip = await requestIp();
  after(() => recordAudit({ action: "page.view", actor, target, ip }));
}
