// npm run kpi -- <name> [--format csv|json|table]
// Prints a KPI through the same lib/kpi module the dashboards use.
import { parseArgs } from "node:util";
import { KPIS, KPI_NAMES } from "../lib/kpi";
import { toCsv } from "../lib/format/csv";
import { runWithDatabase, UsageError } from "./cli";

const USAGE = `usage: npm run kpi -- <name> [--format csv|json|table]\n       npm run kpi -- --list\nKPIs: ${KPI_NAMES.join(", ")}`;

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { format: { type: "string", default: "table" }, list: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

async function main() {
  const { values, positionals } = parse();
  if (values.help) return console.log(USAGE);
  if (values.list) {
    for (const name of KPI_NAMES) console.log(`${name.padEnd(26)} ${KPIS[name]!.description}`);
    return;
  }
  const [name, ...extra] = positionals;
  if (!name) throw new UsageError(`Name a KPI.\n${USAGE}`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".\n${USAGE}`);
  const kpi = KPIS[name];
  if (!kpi) throw new UsageError(`Unknown KPI "${name}". Known KPIs: ${KPI_NAMES.join(", ")}.`);
  const format = values.format;
  if (!["csv", "json", "table"].includes(format ?? "")) {
    throw new UsageError(`Unknown format "${format}": use csv, json or table.`);
  }
  await runWithDatabase(async (db) => {
    // The command line is an operator's tool with direct database access: company-wide scope.
    const rows = await kpi.fetch(db.prisma, { kind: "all" });
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
