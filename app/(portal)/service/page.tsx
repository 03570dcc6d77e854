import type { Metadata } from "next";
import { ServiceSections } from "@/components/service/service-sections";
import { PageHeader } from "@/components/ui/card";
import { PageFilterBar } from "@/components/filters/page-filters";
import { requirePermission } from "@/lib/access/guard";
import { can } from "@/lib/access/policy";
import { auditPageView } from "@/lib/audit/record";
import { readPageFilters, type SearchParams } from "@/lib/filters/page";

export const metadata: Metadata = { title: "Service and warranty" };

export default async function ServicePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("service:view", "/service");
  await auditPageView(actor, "/service");
  const page = await readPageFilters(searchParams, "/service");
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
      <PageFilterBar page={page} scope={actor.scope} path="/service" />
      {page.ok ? (
        <div className="space-y-6">
          <ServiceSections scope={actor.scope} filters={page.filters} canExport={can(actor, "data:export")} />
        </div>
      ) : null}
    </>
  );
}
