import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePermission } from "@/lib/access/guard";
import { TABLE_NAMES } from "@/lib/datagen/tables";
import { TABLE_SPECS } from "@/lib/ops/import/schema";
import { importUploadLimitBytes } from "@/lib/ops/import/upload";
import { getFormat } from "@/lib/format/server";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import data" };

export default async function ImportPage() {
  await requirePermission("data:import", "/admin/import");
  const { locale } = await getFormat();
  return (
    <>
      <PageHeader
        title="Import data"
        description="Load CSV files into the warehouse tables. All files are imported in one transaction: every row lands, or none does."
      />
      <div className="grid gap-6">
        <Card title="Upload CSV files" description="One file per table, named after it. Any subset of the eight tables.">
          <ImportForm limitBytes={importUploadLimitBytes()} locale={locale} />
        </Card>
        <Card title="File format" description="UTF-8, comma separated, RFC 4180 quoting, a header row with these columns in any order.">
          <ul className="grid gap-1 text-sm text-slate-700">
            {TABLE_NAMES.map((t) => (
              <li key={t}>
                <span className="font-mono font-semibold">{t}.csv</span>:{" "}
                <span className="font-mono text-slate-600">{TABLE_SPECS[t].columns.join(", ")}</span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm text-slate-500">
            Dates as YYYY-MM-DD, timestamps as ISO 8601, money with a dot and at most two decimals. Rows whose key already
            exists are rejected unless you choose to update them.
          </p>
        </Card>
      </div>
    </>
  );
}
