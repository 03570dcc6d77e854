import type { Database } from "../db/open";
import { hashPassword } from "./password";
import type { Role } from "./roles";

/** One demo account per role, created with the demo data (listed in the README). */
export const DEMO_PASSWORD = "volta-demo-2026";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role; plants?: number[] }> = [
  { email: "exec@volta.example", name: "Erin Executive", role: "executive" },
  { email: "plant@volta.example", name: "Pat Plant-Manager", role: "plant_manager", plants: [1] },
  { email: "sales@volta.example", name: "Sam Sales", role: "sales" },
  { email: "admin@volta.example", name: "Ada Admin", role: "admin" },
];

/** Creates the demo users that do not exist yet; existing accounts are left alone. */
export async function ensureDemoUsers(db: Database): Promise<number> {
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const existing = await db.prisma.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (existing) continue;
    const plants = user.plants ?? [];
    const known = await db.prisma.plant.findMany({ where: { plantId: { in: plants } }, select: { plantId: true } });
    await db.prisma.user.create({
      data: {
        email: user.email,
        name: user.name,
        role: user.role,
        passwordHash,
        plants: { create: known.map((p) => ({ plantId: p.plantId })) },
      },
    });
    created += 1;
  }
  return created;
}
