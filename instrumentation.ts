// Runs once when a Next.js server starts, before it answers any request.
export async function register() {
  // `next build` may load this file while collecting page data; the runtime secret need not exist then.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { enforceServerEnv } = await import("./lib/env");
    enforceServerEnv();
  }
}
