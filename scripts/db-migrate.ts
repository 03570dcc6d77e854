// Applies pending migrations from prisma/migrations to the configured database.
import { describeDatabase } from "../lib/db/config";
import { migrate } from "../lib/db/migrate";
import { runWithDatabase } from "./cli";

await runWithDatabase(async (db) => {
  console.log(`Migrating ${describeDatabase(db.config)}`);
  const result = await migrate(db, { log: (line) => console.log(`  ${line}`) });
  console.log(
    result.applied.length === 0
      ? `Up to date (${result.alreadyApplied.length} migrations applied earlier).`
      : `Applied ${result.applied.length} migration(s).`,
  );
});
