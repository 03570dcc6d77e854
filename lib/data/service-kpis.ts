import "server-only";
import { fetchRepeatRepairRate } from "../kpi/repeat-repair-rate";
import { fetchServiceByAge } from "../kpi/service-by-age";
import { fetchServiceByModel } from "../kpi/service-by-model";
import { SERVICE_TABLES, sectionLoader } from "./load";

// The service page's sections: one query per KPI, scope, filters and request.
export const loadServiceByModel = sectionLoader("service by model", fetchServiceByModel, { readsFrom: SERVICE_TABLES });
export const loadServiceByAge = sectionLoader("service by months in service", fetchServiceByAge, { readsFrom: SERVICE_TABLES });
export const loadRepeatRepairRate = sectionLoader("repeat-repair rate", fetchRepeatRepairRate, { readsFrom: SERVICE_TABLES });
