import pg from "pg";
import type { Database } from "./open";

export type ChannelListener = {
  /** A notification on one of the channels (after the notifying transaction committed). */
  onNotification(channel: string, payload: string | undefined): void;
  /** Listening (again): from now on every change is announced. */
  onUp(): void;
  /** Not listening (connection lost, or stopped): changes may go unannounced. */
  onDown(): void;
};

/**
 * LISTENs on `channels` of `db`; returns a function that stops listening. On
 * PostgreSQL a dedicated connection listens, reconnecting after a drop
 * (`onDown` at once, `onUp` when it is back); the embedded engine delivers the
 * notifications of its own (single) process.
 */
export async function listenToChannels(
  db: Database,
  channels: readonly string[],
  listener: ChannelListener,
  options: { reconnectMs?: number } = {},
): Promise<() => Promise<void>> {
  if (db.driver.kind === "embedded") {
    const pglite = db.driver.pglite;
    const unlisteners = await Promise.all(channels.map((channel) => pglite.listen(channel, (payload) => listener.onNotification(channel, payload))));
    listener.onUp();
    return async () => {
      listener.onDown();
      for (const unlisten of unlisteners) await unlisten();
    };
  }
  const url = db.config.kind === "postgres" ? db.config.url : "";
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    c.on("notification", (msg) => listener.onNotification(msg.channel, msg.payload));
    const lost = () => {
      if (client !== c) return;
      client = null;
      listener.onDown();
      c.end().catch(() => undefined);
      if (!stopped) timer = setTimeout(() => void connect().catch(() => undefined), options.reconnectMs ?? 1_000);
    };
    c.on("error", lost);
    c.on("end", lost);
    client = c;
    try {
      await c.connect();
      for (const channel of channels) await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      lost();
      throw error;
    }
    if (client === c && !stopped) listener.onUp();
  };
  await connect().catch(() => undefined); // not listening: callers stay off and it retries
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    listener.onDown();
    await c?.end().catch(() => undefined);
  };
}

/**
 * The listener of a cache that may serve only while it hears every change:
 * emptied and switched off when listening stops, emptied and switched on when
 * it (re)starts; `onNotification` drops what a change made stale.
 */
export function cacheListener(
  cache: { listening: boolean; clear(): void },
  onNotification: ChannelListener["onNotification"],
): ChannelListener {
  return {
    onNotification,
    onUp() {
      cache.clear();
      cache.listening = true;
    },
    onDown() {
      cache.listening = false;
      cache.clear();
    },
  };
}
