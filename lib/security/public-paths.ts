/** Reachable without a session: the login page and next-auth's own endpoints. */
export function isPublicPath(pathname: string): boolean {
  return pathname === "/login" || pathname.startsWith("/login/") || pathname === "/api/auth" || pathname.startsWith("/api/auth/");
}
