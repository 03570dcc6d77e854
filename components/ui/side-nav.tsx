"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ICONS: Record<string, React.ReactNode> = {
  "/executive": <path d="M4 20V10m6 10V4m6 16v-7m4 7H2" />,
  "/sales": <path d="M3 3v18h18M7 15l3-4 3 2 5-6" />,
  "/revenue": <path d="M3 17l6-6 4 4 8-8M14 7h7v7" />,
  "/inventory": <path d="M4 7l8-4 8 4v10l-8 4-8-4V7zm0 0l8 4 8-4M12 11v10" />,
  "/models": <path d="M12 3v9h9A9 9 0 1112 3zm3 0a6 6 0 016 6h-6V3z" />,
  "/service": <path d="M14.7 6.3a4 4 0 00-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 005.4-5.4l-2.6 2.6-2.4-.6-.6-2.4 2.6-2.6z" />,
  "/admin/users": <path d="M16 19v-1a4 4 0 00-4-4H7a4 4 0 00-4 4v1M9.5 10a3.5 3.5 0 100-7 3.5 3.5 0 000 7zM21 19v-1a4 4 0 00-3-3.87M16 3.13a3.5 3.5 0 010 6.75" />,
  "/admin/import": <path d="M4 16v2a2 2 0 002 2h12a2 2 0 002-2v-2M12 4v12m0-12l-4 4m4-4l4 4" />,
  "/admin/audit": <path d="M9 5H7a2 2 0 00-2 2v12a2 2 0 002 2h10a2 2 0 002-2V7a2 2 0 00-2-2h-2M9 5a2 2 0 002 2h2a2 2 0 002-2M9 5a2 2 0 012-2h2a2 2 0 012 2m-6 9l2 2 4-4" />,
};

/** The navigation, listing only what the user may open (computed on the server). */
export function SideNav({ items }: { items: ReadonlyArray<{ href: string; label: string }> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboards" className="flex flex-row gap-1 md:flex-col">
      <Link
        href="/"
        aria-current={pathname === "/" ? "page" : undefined}
        className={linkClass(pathname === "/")}
      >
        <Icon>
          <path d="M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10" />
        </Icon>
        Overview
      </Link>
      {items.map((d) => {
        const active = pathname === d.href || pathname.startsWith(`${d.href}/`);
        return (
          <Link key={d.href} href={d.href} aria-current={active ? "page" : undefined} className={linkClass(active)}>
            <Icon>{ICONS[d.href]}</Icon>
            {d.label}
          </Link>
        );
      })}
    </nav>
  );
}

function linkClass(active: boolean) {
  return [
    "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
    active ? "bg-brand-50 text-brand-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
  ].join(" ");
}

function Icon({ children }: { children: React.ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-5 w-5 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}
