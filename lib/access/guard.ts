import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { cache } from "react";
import { recordAudit } from "../audit/record";
import { sessionFromCookies } from "../auth/session-token";
import { getDb } from "../db";
import { cachedActor, processActorCache } from "./actor-cache";
import { can, plantScopeOf, type Actor, type Permission, type PlantScope } from "./policy";

/**
 * The signed-in user, once per request. The session cookie is verified here
 * (next-auth's encrypted JWT; each distinct token decrypted once per process,
 * lib/auth/session-token.ts) — never taken from a header set in front of us.
 * The user is then judged by what the database says now, not by what the
 * cookie said at sign-in: a deactivated user, or one whose role or plants
 * changed, is refused or re-scoped on the next request. The user's row is
 * cached in the process and dropped the moment a change to it commits
 * (lib/access/actor-cache.ts).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = await sessionFromCookies(await cookies());
  const id = Number(claims?.sub);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const db = await getDb();
  return cachedActor(db, processActorCache(db), id);
});

/** For pages: the actor, or a redirect to sign in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages: the actor holding `permission`, else the 403 page. */
export async function requirePermission(permission: Permission, target?: string): Promise<Actor & { scope: PlantScope }> {
  const actor = await requireActor();
  if (!can(actor, permission)) {
    await recordAudit({ action: "access.denied", actor, target: target ?? permission, details: { permission } });
    forbidden();
  }
  return { ...actor, scope: plantScopeOf(actor) };
}

export type ActionResult<T = undefined> = { ok: true; data?: T; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

/** For server actions: the actor holding `permission`, or a refusal to return to the form. */
export async function authorizeAction(
  permission: Permission,
): Promise<{ ok: true; actor: Actor } | { ok: false; error: string }> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "Your session has ended. Sign in again." };
  if (!can(actor, permission)) {
    await recordAudit({ action: "access.denied", actor, target: permission });
    return { ok: false, error: "You are not allowed to do this." };
  }
  return { ok: true, actor };
}

type RouteContext<P> = { params: Promise<P> };

/**
 * For route handlers: 401 without a session, 403 without the permission, 403
 * for a state-changing request from another origin (CSRF); else the handler.
 */
export function withPermission<P = Record<string, string>>(
  permission: Permission,
  handler: (request: Request, context: { actor: Actor; scope: PlantScope; params: P }) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    if (!["GET", "HEAD", "OPTIONS"].includes(request.method) && !sameOrigin(request)) {
      return NextResponse.json({ error: "Cross-site request refused." }, { status: 403 });
    }
    const actor = await getActor();
    if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    if (!can(actor, permission)) {
      await recordAudit({ action: "access.denied", actor, target: new URL(request.url).pathname, details: { permission } });
      return NextResponse.json({ error: "You are not allowed to do this." }, { status: 403 });
    }
    return handler(request, { actor, scope: plantScopeOf(actor), params: await context.params });
  };
}

/** A state-changing request must come from our own pages: Origin (or Referer) must match Host. */
export function sameOrigin(request: Request): boolean {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const origin = request.headers.get("origin") ?? request.headers.get("referer");
  if (!host || !origin) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
