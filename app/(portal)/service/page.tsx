import type { Metadata } from "next";
import { ServiceSections } from "@/components/service/service-sections";
import { PageHeader } from "@/components/ui/card";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { requirePermission } from "@/lib/access/guard";
import { can } from "@/lib/access/policy";
import { auditPageView } from "@/lib/audit/record";
import { parseFilters, todayIn } from "@/lib/filters";
import { businessTimeZone } from "@/lib/time";

export const metadata: Metadata = { title: "Service and warranty" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ServicePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("service:view", "/service");
  await auditPageView(actor, "/service");
  const parsed = parseFilters(await searchParams, todayIn(businessTimeZone()));
  return (
    <>
      <PageHeader
        title="Service and warranty"
        description={
          actor.scope.kind === "all"
            ? "Service visits, warranty and repeat repairs of every vehicle, per 1,000 vehicles. Dates filter on the service date."
            : "Service visits, warranty and repeat repairs of the vehicles built in your plants, per 1,000 vehicles. Dates filter on the service date."
        }
      />
      <div className="space-y-6">
        {parsed.ok ? (
          <ServiceSections scope={actor.scope} filters={parsed.filters} canExport={can(actor, "data:export")} />
        ) : (
          <InvalidFilters errors={parsed.errors} resetHref="/service" />
        )}
      </div>
    </>
  );
}
