import { describe, expect, it } from "vitest";
import { CsvScanner, parseCsv, splitRecord, type CsvRecord } from "@/lib/ops/import/csv";
import { headerProblems, tableOfFileName } from "@/lib/ops/import/import";
import { TABLE_SPECS } from "@/lib/ops/import/schema";

const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

/** Feeds `text` in pieces of `size` characters. */
function scanInPieces(text: string, size: number) {
  const records: CsvRecord[] = [];
  const problems: { line: number; reason: string }[] = [];
  const scanner = new CsvScanner(
    (r) => records.push(r),
    (p) => problems.push(p),
  );
  for (let k = 0; k < text.length; k += size) scanner.push(text.slice(k, k + size));
  scanner.end();
  return { records, problems };
}

describe("the CSV scanner", () => {
  it("reads plain records with their line numbers", () => {
    const { records, problems } = parseCsv("a,b,c\n1,2,3\n4,5,6\n");
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
      { line: 3, fields: ["4", "5", "6"] },
    ]);
  });

  it("accepts a last record without a line ending", () => {
    expect(fields("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("handles CRLF line endings", () => {
    const { records, problems } = parseCsv("a,b\r\n1,2\r\n3,4\r\n");
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.line, ...r.fields])).toEqual([
      [1, "a", "b"],
      [2, "1", "2"],
      [3, "3", "4"],
    ]);
  });

  it("strips a UTF-8 byte order mark", () => {
    expect(fields("\uFEFFplant_id,name\n1,x\n")[0]).toEqual(["plant_id", "name"]);
  });

  it("unquotes fields with commas, doubled quotes and empty strings", () => {
    expect(fields('a,b,c\n"x, y","say ""hi""",""\n')[1]).toEqual(["x, y", 'say "hi"', ""]);
  });

  it("keeps embedded newlines in quoted fields and counts the lines they span", () => {
    const { records, problems } = parseCsv('id,text\n1,"line one\nline two\r\nline three"\n2,after\n');
    expect(problems).toEqual([]);
    expect(records[1]).toEqual({ line: 2, fields: ["1", "line one\nline two\r\nline three"] });
    expect(records[2]).toEqual({ line: 5, fields: ["2", "after"] });
  });

  it("skips empty lines but keeps counting them", () => {
    const { records } = parseCsv("a\n\n1\n\n2\n");
    expect(records.map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it("counts fields, empty ones included", () => {
    const { records } = parseCsv("a,b,c\n1,,\n,,\n");
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b", "c"],
      ["1", "", ""],
      ["", "", ""],
    ]);
    expect(splitRecord('"",x,')).toEqual(["", "x", ""]);
  });

  it("reports a quote inside an unquoted field with its line, and goes on at the next line", () => {
    const { records, problems } = parseCsv('a,b\n1,2\n3,ab"c\n4,5\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.reason).toMatch(/unexpected quote inside an unquoted field/);
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["4", "5"],
    ]);
  });

  it("reports text after a closing quote", () => {
    const { problems, records } = parseCsv('a,b\n"x"y,2\n3,4\n');
    expect(problems).toEqual([{ line: 2, reason: expect.stringMatching(/after a closing quote/) }]);
    expect(records.at(-1)!.fields).toEqual(["3", "4"]);
  });

  it("reports an unterminated quoted field at the line where it starts", () => {
    const { problems } = parseCsv('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(problems).toEqual([{ line: 3, reason: expect.stringMatching(/unterminated quoted field/) }]);
  });

  it("reports a bare carriage return", () => {
    const { problems } = parseCsv("a,b\n1,2\r3,4\n5,6\n");
    expect(problems[0]!.line).toBe(2);
    expect(problems[0]!.reason).toMatch(/carriage return/);
  });

  it("gives the same result whatever the chunk boundaries", () => {
    const text = 'id,text,n\r\n1,"a ""quoted""\r\nvalue",3\r\n2,plain,"4"\r\n3,"x,y",\r\n4,bad"quote,1\r\n5,"",6';
    const whole = scanInPieces(text, text.length);
    for (const size of [1, 2, 3, 5, 7, 16]) {
      const pieces = scanInPieces(text, size);
      expect(pieces.records, `pieces of ${size}`).toEqual(whole.records);
      expect(pieces.problems, `pieces of ${size}`).toEqual(whole.problems);
    }
    expect(whole.records.map((r) => r.line)).toEqual([1, 2, 4, 5, 7]);
    expect(whole.problems).toEqual([{ line: 6, reason: expect.stringMatching(/unexpected quote/) }]);
  });

  it("hands on the raw record text without its line ending", () => {
    const { records } = scanInPieces('a,b\r\n"x\r\ny",2\r\n', 4);
    expect(records[1]!.raw).toBe('"x\r\ny",2');
    expect(records[1]!.fields).toBe(2);
  });
});

describe("file names and headers", () => {
  it("maps file names to tables", () => {
    expect(tableOfFileName("plants.csv")).toBe("plants");
    expect(tableOfFileName("SalesOrders.CSV")).toBe("salesorders");
    expect(tableOfFileName("orders.csv")).toBeNull();
    expect(tableOfFileName("plants.txt")).toBeNull();
  });

  it("accepts the contract's columns in any order", () => {
    expect(headerProblems(["name", "plant_id", "country", "city", "annual_capacity"], TABLE_SPECS.plants)).toEqual([]);
  });

  it("names unknown, duplicate and missing columns", () => {
    const problems = headerProblems(["plant_id", "name", "name", "town", "country", "annual_capacity"], TABLE_SPECS.plants);
    expect(problems.map(([column, reason]) => `${column}: ${reason}`)).toEqual([
      expect.stringMatching(/^name: duplicate column/),
      expect.stringMatching(/^town: unknown column "town"/),
      expect.stringMatching(/^city: missing column "city"/),
    ]);
  });
});

describe("the upload page's table list", () => {
  it("is the load order of the warehouse tables", async () => {
    const { UPLOAD_TABLES } = await import("@/lib/ops/import/upload");
    const { TABLE_NAMES } = await import("@/lib/datagen/tables");
    expect(UPLOAD_TABLES).toEqual(TABLE_NAMES);
  });
});
