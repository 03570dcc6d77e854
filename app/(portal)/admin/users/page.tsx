import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Card, EmptyState, PageHeader, SectionError } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/skeletons";
import { requirePermission } from "@/lib/access/guard";
import { loadSection } from "@/lib/data/load";
import { loadUsers } from "@/lib/users";
import { LINK_BUTTON, roleLabel, StatusBadge, When } from "../admin-ui";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePermission("users:manage", "/admin/users");
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title="Users" description="Who may sign in to the portal, with which role, and for which plants." />
        <Link href="/admin/users/new" className={LINK_BUTTON}>
          New user
        </Link>
      </div>
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <UsersTable />
      </Suspense>
    </>
  );
}

async function UsersTable() {
  const result = await loadSection("users", loadUsers);
  if (!result.ok) return <SectionError title="Users unavailable" message={result.message} />;
  const users = result.data;
  const active = users.filter((u) => u.active).length;
  return (
    <Card title="All users" description={`${users.length} ${users.length === 1 ? "user" : "users"}, ${active} active.`} testId="users-card">
      {users.length === 0 ? (
        <EmptyState title="No users yet">
          Create the first one with <Link href="/admin/users/new" className="font-medium text-brand-700 underline">New user</Link>.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="users-table">
            <caption className="sr-only">Users of the portal</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Name</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Email</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Role</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Plants</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Status</th>
                <th scope="col" className="px-3 py-2 font-medium text-slate-500">Created</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-user-email={user.email}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link
                      href={`/admin/users/${user.id}`}
                      className="rounded text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                    >
                      {user.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-slate-700">{user.email}</td>
                  <td className="px-3 py-2 text-slate-700">{roleLabel(user.role)}</td>
                  <td className="px-3 py-2 text-slate-700">
                    {user.plants.length === 0 ? <span className="text-slate-400">—</span> : user.plants.map((p) => p.name).join(", ")}
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge active={user.active} />
                  </td>
                  <td className="px-3 py-2 text-slate-500">
                    <When at={user.createdAt} withTime={false} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
