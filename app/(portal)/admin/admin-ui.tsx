import { ROLE_LABELS, type Role } from "@/lib/auth/roles";

export function StatusBadge({ active }: { active: boolean }) {
  return active ? (
    <span className="inline-flex rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900 ring-1 ring-brand-100" data-testid="user-status">
      Active
    </span>
  ) : (
    <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200" data-testid="user-status">
      Deactivated
    </span>
  );
}

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role] ?? role;
}

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

const DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", year: "numeric", month: "short", day: "2-digit" });

/** A timestamp in UTC, with the exact instant in `dateTime`. */
export function When({ at, withTime = true }: { at: Date; withTime?: boolean }) {
  return (
    <time dateTime={at.toISOString()} className="tabular whitespace-nowrap">
      {(withTime ? DATE_TIME : DATE).format(at)}
      {withTime ? " UTC" : ""}
    </time>
  );
}

export const LINK_BUTTON =
  "inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";
