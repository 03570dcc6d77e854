import type { Database } from "../db/open";

/**
 * The sales rollups (`sales_rollup_daily`, `sales_rollup_monthly`) are kept
 * exact by triggers in every writing transaction; this recomputes them from
 * the raw tables, for recovery (`npm run rollups:rebuild`). Writers of orders,
 * vehicles and customers wait meanwhile; readers see the old rollups until
 * the commit.
 */
export async function rebuildSalesRollups(db: Pick<Database, "transaction">): Promise<{ daily: number; monthly: number; seconds: number }> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    await tx.query("SELECT sales_rollup_rebuild()");
    const [row] = await tx.query<{ daily: number | string; monthly: number | string }>(
      "SELECT (SELECT count(*) FROM sales_rollup_daily) AS daily, (SELECT count(*) FROM sales_rollup_monthly) AS monthly",
    );
    return { daily: Number(row?.daily ?? 0), monthly: Number(row?.monthly ?? 0), seconds: (performance.now() - started) / 1000 };
  });
}
