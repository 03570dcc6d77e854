import "server-only";
import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";

/** The signed-in user, or a redirect to the login page. Checked on the server. */
export async function requireSession(): Promise<Session["user"]> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.role) redirect("/login");
  return session.user;
}
