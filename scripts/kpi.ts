// npm run kpi -- <name> [--format csv|json|table] [--from … --to … --plant … --model … --region … --channel …] [--today …]
// Prints a KPI through the same lib/kpi module the dashboards use, with the same filters.
import { KPIS, KPI_NAMES } from "../lib/kpi";
import { toCsv } from "../lib/format/csv";
import { businessTimeZone } from "../lib/time";
import { runWithDatabase, UsageError } from "./cli";
import { KPI_USAGE, KpiArgsError, parseKpiArgs } from "./kpi-args";

const USAGE = `${KPI_USAGE}\nKPIs: ${KPI_NAMES.join(", ")}`;

async function main() {
  let args;
  try {
    args = parseKpiArgs(process.argv.slice(2), businessTimeZone());
  } catch (error) {
    if (error instanceof KpiArgsError) throw new UsageError(`${error.message}\n${USAGE}`);
    throw error;
  }
  if (args.kind === "help") return console.log(USAGE);
  if (args.kind === "list") {
    const width = Math.max(...KPI_NAMES.map((n) => n.length)) + 2;
    for (const name of KPI_NAMES) console.log(`${name.padEnd(width)} ${KPIS[name]!.title}`);
    return;
  }
  const kpi = Object.hasOwn(KPIS, args.name) ? KPIS[args.name] : undefined;
  if (!kpi) throw new UsageError(`Unknown KPI "${args.name}". Known KPIs: ${KPI_NAMES.join(", ")}.`);
  const { filters, today, format } = args;
  await runWithDatabase(async (db) => {
    // The command line is an operator's tool with direct database access: company-wide scope.
    const rows = await kpi.fetch(db.prisma, { kind: "all" }, filters, { today });
    const columns = kpi.columns.map((c) => c.key);
    if (format === "csv") process.stdout.write(toCsv(columns, rows));
    else if (format === "json") process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    else console.table(rows);
  });
}

main().catch((error) => {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
