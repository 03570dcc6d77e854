import { describe, expect, it } from "vitest";
import { csvStream } from "@/lib/export/csv-stream";

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

async function* pagesOf<T>(...pages: T[][]) {
  for (const page of pages) yield page;
}

describe("csvStream", () => {
  it("writes the header and every page, quoting as RFC 4180 says, and counts the rows", async () => {
    let counted: number | undefined;
    const body = csvStream(["a", "b"], pagesOf([{ a: 1, b: "x,y" }], [], [{ a: 2, b: 'say "hi"' }, { a: 3, b: "" }]), (rows) => {
      counted = rows;
    });
    expect(await read(body)).toBe('a,b\n1,"x,y"\n2,"say ""hi"""\n3,\n');
    expect(counted).toBe(3);
  });

  it("pulls pages only as the reader asks for them", async () => {
    let produced = 0;
    async function* lazy() {
      for (let i = 0; i < 1000; i++) {
        produced++;
        yield [{ n: i }];
      }
    }
    const reader = csvStream(["n"], lazy()).getReader();
    await reader.read(); // header
    await reader.read(); // first page
    // A ReadableStream may read ahead by its high-water mark, never the whole source.
    expect(produced).toBeLessThan(5);
    await reader.cancel();
  });

  it("reports a failing source to the reader and to onDone with the rows written so far", async () => {
    let done: { rows: number; error?: unknown } | undefined;
    async function* failing() {
      yield [{ n: 1 }];
      throw new Error("connection lost");
    }
    const body = csvStream(["n"], failing(), (rows, error) => {
      done = { rows, error };
    });
    await expect(read(body)).rejects.toThrow("connection lost");
    expect(done?.rows).toBe(1);
    expect((done?.error as Error).message).toBe("connection lost");
  });
});
