import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/access/guard";
import { can } from "@/lib/access/policy";
import { navigationFor } from "@/lib/nav";

export default async function OverviewPage() {
  const user = await requireActor();
  const items = navigationFor((permission) => can(user, permission));
  return (
    <>
      <PageHeader title={`Welcome, ${user.name.split(" ")[0]}`} description={items.length > 0 ? "Pick where to start." : "Your role has no pages yet. Ask an administrator for access."} />
      <ul className="grid gap-4 md:grid-cols-3">
        {items.map((d) => (
          <li key={d.href}>
            <Link
              href={d.href}
              className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-500 hover:shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            >
              <h2 className="text-base font-semibold text-slate-900">{d.title}</h2>
              <p className="mt-1 text-sm text-slate-500">{d.description}</p>
              <span className="mt-4 inline-block text-sm font-medium text-brand-700">Open →</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
