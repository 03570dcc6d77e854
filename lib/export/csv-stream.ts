import { csvLine } from "../format/csv";

/**
 * A CSV body streamed from pages of rows: the header, then each page as it
 * arrives, so memory holds one page however many rows there are. The source is
 * pulled only as fast as the client reads (back-pressure), and closed if the
 * client goes away. `onDone` gets the number of data rows written (for the audit).
 */
export function csvStream(
  columns: readonly string[],
  pages: AsyncIterable<ReadonlyArray<Record<string, string | number | null>>>,
  onDone?: (rows: number, error?: unknown) => void | Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let rows = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(columns)));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          await onDone?.(rows);
          return;
        }
        rows += next.value.length;
        let chunk = "";
        for (const row of next.value) chunk += csvLine(columns.map((c) => row[c]));
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        controller.error(error);
        await onDone?.(rows, error);
      }
    },
    async cancel() {
      await iterator.return?.();
      await onDone?.(rows, new Error("client closed the download"));
    },
  });
}
