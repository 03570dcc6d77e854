import type { VoltaPrisma } from "../db/open";

/** One audit log row as the audit page shows it (ids as strings: they are bigints). */
export type AuditRow = {
  id: string;
  at: Date;
  userId: number | null;
  userEmail: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  /** The details as compact JSON, or null. */
  details: string | null;
};

export type AuditPage = {
  entries: AuditRow[];
  /** The cursor of the next (older) page, or null on the last page. */
  nextBefore: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log, newest first, one page at a time. Keyset pagination on the id
 * (`before` = the last id of the previous page): every page is an index range
 * scan, however deep, and rows written meanwhile never shift the pages.
 */
export async function listAuditEntries(
  db: Pick<VoltaPrisma, "auditLog">,
  options: { before?: bigint; action?: string; limit?: number } = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? AUDIT_PAGE_SIZE), 1), 200);
  const rows = await db.auditLog.findMany({
    where: {
      ...(options.before !== undefined ? { id: { lt: options.before } } : {}),
      ...(options.action ? { action: options.action } : {}),
    },
    select: { id: true, at: true, userId: true, userEmail: true, action: true, target: true, ip: true, details: true },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      userId: row.userId,
      userEmail: row.userEmail,
      action: row.action,
      target: row.target,
      ip: row.ip,
      details: row.details === null || row.details === undefined ? null : JSON.stringify(row.details),
    })),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id.toString() : null,
  };
}
