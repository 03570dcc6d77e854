import fs from "node:fs";
import pg from "pg";
import { readState, STATE_FILE } from "./state";

export default async function globalTeardown() {
  if (!fs.existsSync(STATE_FILE)) return;
  const state = readState();
  try {
    process.kill(-state.serverPid, "SIGTERM"); // the whole group: tsx, next, next-server
  } catch {
    /* already stopped */
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  try {
    process.kill(-state.serverPid, "SIGKILL");
  } catch {
    /* stopped */
  }
  if (state.dispose.kind === "postgres") {
    const client = new pg.Client({ connectionString: state.dispose.serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${state.dispose.database}" WITH (FORCE)`);
    await client.end();
  } else {
    fs.rmSync(state.dispose.dir, { recursive: true, force: true });
  }
}
