import { describe, expect, it } from "vitest";
import { CheckingScanner, NotClean, fieldCheck } from "@/lib/ops/import/direct";
import { TABLE_SPECS } from "@/lib/ops/import/schema";

// The scanner of the direct import path: what it hands to COPY, and what makes
// it give up (the staging path then names the rows).

const plants = TABLE_SPECS.plants;
const checks = plants.columns.map((c) => fieldCheck(plants.types[c]!));

/** Feeds `text` in pieces of `size` characters; returns the text for COPY and the row count. */
function scan(text: string, size = text.length || 1): { out: string; rows: number } {
  const scanner = new CheckingScanner(checks);
  let out = "";
  for (let k = 0; k < text.length; k += size) out += scanner.push(text.slice(k, k + size));
  out += scanner.end();
  return { out, rows: scanner.rows };
}

const refused = (text: string) => () => scan(text);

describe("the checking scanner of the direct import", () => {
  const clean = '1,Reno,Reno,"United States, West",18\n2,"Plant ""B""","Multi\nline",DE,+5\n3,C,C,C,0007\n';

  it("hands the records on unchanged, whatever the chunking", () => {
    for (const size of [1, 2, 3, 7, 16, 1000]) {
      expect(scan(clean, size)).toEqual({ out: clean, rows: 3 });
    }
  });

  it("leaves blank lines out and ends the last record", () => {
    expect(scan("1,A,B,C,1\n\n2,A,B,C,2")).toEqual({ out: "1,A,B,C,1\n2,A,B,C,2\n", rows: 2 });
    expect(scan("1,A,B,C,1\r\n\r\n2,A,B,C,2", 3)).toEqual({ out: "1,A,B,C,1\r\n2,A,B,C,2\r\n", rows: 2 });
  });

  it("gives up on any problem", () => {
    expect(refused("1,A,B,C,lots\n")).toThrow(NotClean); // not an integer
    expect(refused("1,A,B,C,2147483648\n")).toThrow(NotClean); // out of range
    expect(refused("1,A,B,C\n")).toThrow(NotClean); // a field short
    expect(refused("1,A,B,C,1,2\n")).toThrow(NotClean); // a field too many
    expect(refused("1,,B,C,1\n")).toThrow(NotClean); // a missing value
    expect(refused('1,A"x,B,C,1\n')).toThrow(NotClean); // a quote in an unquoted field
    expect(refused('1,"A"x,B,C,1\n')).toThrow(NotClean); // text after a closing quote
    expect(refused('1,"A,B,C,1\n')).toThrow(NotClean); // never closed
    expect(refused("1,A,B,C,1\r\n2,A,B,C,2\n")).toThrow(NotClean); // mixed line endings (COPY wants one)
    expect(refused("1,A,B,C,1\r2,A,B,C,2\n")).toThrow(NotClean); // a lone carriage return
    expect(refused('"1",A,B,C,""\n')).toThrow(NotClean); // an empty quoted integer
  });

  it("accepts a quoted value of a typed column and an empty quoted text", () => {
    expect(scan('"1","",B,C,"5"\n')).toEqual({ out: '"1","",B,C,"5"\n', rows: 1 });
  });
});
