import "server-only";
import { getDb } from "../db";
import { listAuditEntries, type AuditPage } from "./audit-log";
import { getUser, listPlants, listUsers, type UserPlantRef, type UserRecord } from "./store";

/** The user administration data for the portal's pages, on the portal's database. */

export async function loadUsers(): Promise<UserRecord[]> {
  return listUsers((await getDb()).prisma);
}

export async function loadUser(id: number): Promise<UserRecord | null> {
  return getUser((await getDb()).prisma, id);
}

export async function loadPlants(): Promise<UserPlantRef[]> {
  return listPlants((await getDb()).prisma);
}

export async function loadAuditPage(options: { before?: bigint; action?: string }): Promise<AuditPage> {
  return listAuditEntries((await getDb()).prisma, options);
}

export type { AuditPage, AuditRow } from "./audit-log";
export type { UserPlantRef, UserRecord } from "./store";
