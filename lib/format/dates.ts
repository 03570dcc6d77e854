// Calendar days in en-US, for code without a request; pages use getFormat() (lib/format/server.ts).
import { createFormat } from "./number";

export const { formatDay, formatDayRange } = createFormat("en-US");
