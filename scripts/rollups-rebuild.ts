// npm run rollups:rebuild: recomputes the sales and build rollups from the raw tables.
// Never needed in normal operation (triggers keep them exact in every writing
// transaction); for recovery, e.g. after rows were written with the triggers
// disabled (SET volta.rollup_bulk = 'on' outside a bulk load).
import { describeDatabase } from "../lib/db/config";
import { rebuildSalesRollups } from "../lib/kpi/rollups";
import { runWithDatabase } from "./cli";

if (process.argv.length > 2) {
  console.error(`error: rollups:rebuild takes no arguments (got ${process.argv.slice(2).join(" ")})`);
  process.exit(2);
}

await runWithDatabase(async (db) => {
  console.log(`Rebuilding the sales and build rollups of ${describeDatabase(db.config)}…`);
  const result = await rebuildSalesRollups(db);
  console.log(
    `Sales: ${result.daily.toLocaleString("en-US")} daily and ${result.monthly.toLocaleString("en-US")} monthly rows; ` +
      `builds: ${result.buildDaily.toLocaleString("en-US")} daily and ${result.buildMonthly.toLocaleString("en-US")} monthly rows; ` +
      `${result.seconds.toFixed(1)} s.`,
  );
});
