import "server-only";
import { getDb } from "../db";
import { fetchRepeatRepairRate } from "../kpi/repeat-repair-rate";
import { fetchServiceByAge } from "../kpi/service-by-age";
import { fetchServiceByModel } from "../kpi/service-by-model";
import { scoped } from "./dashboards";

// The service page's sections: one query per KPI, scope, filters and request.
export const loadServiceByModel = scoped("service by model", async (scope, filters) =>
  fetchServiceByModel((await getDb()).prisma, scope, filters),
);

export const loadServiceByAge = scoped("service by months in service", async (scope, filters) =>
  fetchServiceByAge((await getDb()).prisma, scope, filters),
);

export const loadRepeatRepairRate = scoped("repeat-repair rate", async (scope, filters) =>
  fetchRepeatRepairRate((await getDb()).prisma, scope, filters),
);
