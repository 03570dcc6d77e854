import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/access/guard";
import { loadPlants, loadUser } from "@/lib/users";
import { parseUserId } from "@/lib/users/schemas";
import { roleLabel, StatusBadge, When } from "../../admin-ui";
import { AccountStatusForm, EditUserForm, ResetPasswordForm } from "../user-forms";

export const metadata: Metadata = { title: "User" };

type Props = {
  params: Promise<{ userId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function UserPage({ params, searchParams }: Props) {
  const { userId } = await params;
  // Permission first: a stranger learns nothing about which ids exist.
  const actor = await requirePermission("users:manage", "/admin/users/[userId]");
  const id = parseUserId(userId);
  if (id === null) notFound();
  const [user, plants] = await Promise.all([loadUser(id), loadPlants()]);
  if (!user) notFound();
  const justCreated = (await searchParams).created === "1";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/users" className="text-brand-700 hover:underline">
          ← All users
        </Link>
      </p>
      <PageHeader title={user.name} description={`${user.email} · ${roleLabel(user.role)}`} />
      {justCreated ? (
        <p role="status" className="mb-6 rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900" data-testid="user-created">
          User created. {user.name} can sign in now with the password you set.
        </p>
      ) : null}
      <div className="space-y-6">
        <section className="flex flex-wrap gap-x-8 gap-y-2 text-sm text-slate-600" aria-label="Account summary">
          <div>
            Status: <StatusBadge active={user.active} />
          </div>
          <div>
            Created: <When at={user.createdAt} />
          </div>
          <div>
            Last changed: <When at={user.updatedAt} />
          </div>
        </section>
        <Card title="Name, role and plants" description="The role decides which pages the user may open; plants limit what a plant manager sees.">
          <EditUserForm
            user={{ id: user.id, name: user.name, role: user.role, plantIds: user.plants.map((p) => p.plantId) }}
            plants={plants}
          />
        </Card>
        <Card title="Password" description="Set a new password when the user forgot theirs or it may be known to someone else.">
          <ResetPasswordForm userId={user.id} />
        </Card>
        <Card title="Account status">
          <AccountStatusForm userId={user.id} active={user.active} isSelf={user.id === actor.id} />
        </Card>
      </div>
    </>
  );
}
