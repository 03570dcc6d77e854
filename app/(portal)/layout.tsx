import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { SideNav } from "@/components/ui/side-nav";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { requireActor } from "@/lib/access/guard";
import { can } from "@/lib/access/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { navigationFor } from "@/lib/nav";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireActor();
  const items = navigationFor((permission) => can(user, permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0">
        <div className="md:sticky md:top-0">
          <div className="flex items-center justify-between px-4 py-4 md:block md:px-5 md:py-6">
            <Link href="/" className="rounded focus-visible:outline-2 focus-visible:outline-brand-600">
              <Logo className="text-slate-900" />
            </Link>
          </div>
          <div className="overflow-x-auto px-3 pb-3 md:px-3">
            <SideNav items={items} />
          </div>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-4 py-3 md:px-8">
          <div className="text-right" data-testid="current-user">
            <div className="text-sm font-medium text-slate-900">{user.name}</div>
            <div className="text-xs text-slate-500">
              {user.email} · <span data-testid="current-role">{ROLE_LABELS[user.role]}</span>
            </div>
          </div>
          <SignOutButton />
        </header>
        <main id="main" className="flex-1 px-4 py-6 md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
