import type { Database } from "../db/open";

export type RollupRebuild = {
  /** Rows of sales_rollup_daily and sales_rollup_monthly. */
  daily: number;
  monthly: number;
  /** Rows of build_rollup_daily and build_rollup_monthly. */
  buildDaily: number;
  buildMonthly: number;
  seconds: number;
};

/**
 * The sales rollups (`sales_rollup_daily`, `sales_rollup_monthly`) and the
 * build rollups (`build_rollup_daily`, `build_rollup_monthly`) are kept exact
 * by triggers in every writing transaction; this recomputes them all from the
 * raw tables, for recovery (`npm run rollups:rebuild`). Writers of orders,
 * vehicles and customers wait meanwhile; readers see the old rollups until
 * the commit.
 */
export async function rebuildSalesRollups(db: Pick<Database, "transaction">): Promise<RollupRebuild> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    await tx.query("SELECT sales_rollup_rebuild()");
    const [row] = await tx.query<Record<"daily" | "monthly" | "build_daily" | "build_monthly", number | string>>(
      `SELECT (SELECT count(*) FROM sales_rollup_daily) AS daily, (SELECT count(*) FROM sales_rollup_monthly) AS monthly,
              (SELECT count(*) FROM build_rollup_daily) AS build_daily, (SELECT count(*) FROM build_rollup_monthly) AS build_monthly`,
    );
    return {
      daily: Number(row?.daily ?? 0),
      monthly: Number(row?.monthly ?? 0),
      buildDaily: Number(row?.build_daily ?? 0),
      buildMonthly: Number(row?.build_monthly ?? 0),
      seconds: (performance.now() - started) / 1000,
    };
  });
}
