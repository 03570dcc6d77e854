import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/access/guard";
import { loadPlants } from "@/lib/users";
import { CreateUserForm } from "../user-forms";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  await requirePermission("users:manage", "/admin/users/new");
  const plants = await loadPlants();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/users" className="text-brand-700 hover:underline">
          ← All users
        </Link>
      </p>
      <PageHeader title="New user" description="Create an account. The user signs in with the email address and the password you set here." />
      <Card title="Account">
        <CreateUserForm plants={plants} />
      </Card>
    </>
  );
}
