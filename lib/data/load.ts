import "server-only";

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Runs a section's query; a failure becomes a message for that section alone,
 * so one slow or broken query never blanks the whole page.
 */
export async function loadSection<T>(what: string, load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (error) {
    console.error(`[volta] loading ${what} failed:`, error);
    return { ok: false, message: describeFailure(error) };
  }
}

export function describeFailure(error: unknown): string {
  const text = `${(error as Error)?.message ?? ""} ${(error as { code?: string })?.code ?? ""}`;
  if (/ECONNREFUSED|ENOTFOUND|Can't reach database|database "[^"]*" does not exist|connection|terminat|timeout|Only one process|3D000|57P0/i.test(text)) {
    return "The database is not reachable right now. The figures will be back as soon as it is; reload the page to retry.";
  }
  if (/(relation|column|type) "[^"]*" does not exist|42P01|42703/i.test(text)) {
    return "The database schema is not up to date. An administrator needs to run `npm run db:migrate`.";
  }
  return "These figures could not be loaded. Reload the page to retry; if it persists, tell an administrator.";
}
