// A streaming RFC 4180 scanner for the CSV exchange format.
//
// It checks the structure of a file (quoting, field counts, line endings) in
// one pass without building per-field values, and hands each well-formed
// record on as its raw text together with the physical line it starts on.
// The import prefixes that line number to the raw record and gives the result
// to PostgreSQL's COPY (CSV format), which does the field splitting in C.

/** A structural problem in a CSV file, at a physical line (1 = the header). */
export type CsvProblem = { line: number; reason: string };

/** One record: its raw text (without the line terminator), start line and field count. */
export type CsvRecord = { raw: string; line: number; fields: number };

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Incremental scanner: `push` text as it arrives, `end` at the end of the
 * input. Records and problems come back through the callbacks in file order.
 * A malformed record is reported and skipped: scanning resumes at the next
 * line, so that one stray quote does not hide every other problem.
 */
export class CsvScanner {
  private pending = "";
  private line = 1; // the physical line at the start of `pending`
  private first = true;
  private finished = false;

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly onProblem: (problem: CsvProblem) => void,
  ) {}

  push(text: string): void {
    if (this.finished) throw new Error("CsvScanner: push after end");
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte order mark
    }
    this.pending = this.pending.length > 0 ? this.pending + text : text;
    this.scan(false);
  }

  end(): void {
    if (this.finished) return;
    this.finished = true;
    this.scan(true);
  }

  /** Set after a malformed record whose line ending has not arrived yet. */
  private skipToNewline = false;

  /** Scans complete records out of `pending`; with `final`, the remainder is a record too. */
  private scan(final: boolean): void {
    const s = this.pending;
    const n = s.length;
    let pos = 0;
    let line = this.line;
    if (this.skipToNewline) {
      const next = s.indexOf("\n");
      if (next === -1) {
        this.pending = "";
        return;
      }
      this.skipToNewline = false;
      pos = next + 1;
      line++;
    }
    // `line` is the physical line at `pos` whenever the loop below breaks.
    outer: while (pos < n) {
      const start = pos;
      const startLine = line;
      let fields = 1;
      let i = pos;
      let bad: string | null = null;
      // One record: a sequence of fields up to an unquoted line ending.
      for (;;) {
        if (i >= n) {
          if (!final) {
            line = startLine; // wait for more text
            break outer;
          }
          this.emit(s, start, i, startLine, fields);
          pos = n;
          break outer;
        }
        let c = s.charCodeAt(i);
        if (c === QUOTE) {
          // Quoted field: up to a quote that is not doubled.
          i++;
          for (;;) {
            const q = s.indexOf('"', i);
            if (q === -1) {
              if (!final) {
                line = startLine;
                break outer;
              }
              this.onProblem({ line: startLine, reason: `unterminated quoted field (field ${fields}): a " is never closed` });
              pos = n;
              break outer;
            }
            for (let k = s.indexOf("\n", i); k !== -1 && k < q; k = s.indexOf("\n", k + 1)) line++;
            if (q + 1 >= n && !final) {
              line = startLine; // a doubled quote or the closing one: not known yet
              break outer;
            }
            if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
              i = q + 2;
              continue;
            }
            i = q + 1;
            break;
          }
          if (i >= n) continue; // end of input right after the closing quote
          c = s.charCodeAt(i);
          if (c !== COMMA && c !== LF && c !== CR) bad = `unexpected character after a closing quote (field ${fields})`;
        } else {
          // Unquoted field: up to a comma or a line ending; no quotes allowed.
          while (i < n) {
            c = s.charCodeAt(i);
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE) {
              bad = `unexpected quote inside an unquoted field (field ${fields}): quote the whole field and double the quote`;
              break;
            }
            if (c === 0) {
              bad = "NUL character in the data";
              break;
            }
            i++;
          }
          if (i >= n && !bad) continue;
        }
        if (bad) {
          this.onProblem({ line: startLine, reason: bad });
          // Resynchronise at the next line ending.
          const next = s.indexOf("\n", i);
          if (next === -1) {
            if (!final) this.skipToNewline = true;
            pos = n;
            break outer;
          }
          line++;
          pos = next + 1;
          continue outer;
        }
        if (c === COMMA) {
          fields++;
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) {
            line = startLine;
            break outer;
          }
          if (i + 1 >= n || s.charCodeAt(i + 1) !== LF) {
            this.onProblem({ line: startLine, reason: "carriage return without a line feed outside quotes" });
            const next = s.indexOf("\n", i);
            if (next === -1) {
              if (!final) this.skipToNewline = true;
              pos = n;
              break outer;
            }
            line++;
            pos = next + 1;
            continue outer;
          }
          this.emit(s, start, i, startLine, fields);
          line++;
          pos = i + 2;
          continue outer;
        }
        // LF
        this.emit(s, start, i, startLine, fields);
        line++;
        pos = i + 1;
        continue outer;
      }
    }
    this.line = line;
    this.pending = pos >= n ? "" : s.slice(pos);
  }

  private emit(s: string, start: number, end: number, line: number, fields: number): void {
    if (end === start) return; // an empty line
    this.onRecord({ raw: s.slice(start, end), line, fields });
  }
}

/** Splits one well-formed raw record into its field values (quotes removed). */
export function splitRecord(raw: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = raw.length;
  for (;;) {
    if (raw.charCodeAt(i) === QUOTE) {
      let value = "";
      i++;
      for (;;) {
        const q = raw.indexOf('"', i);
        if (q === -1) throw new Error("splitRecord: unterminated quote");
        value += raw.slice(i, q);
        if (raw.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
    } else {
      const comma = raw.indexOf(",", i);
      const stop = comma === -1 ? n : comma;
      out.push(raw.slice(i, stop));
      i = stop;
    }
    if (i >= n) break;
    i++; // the comma
    if (i >= n) {
      out.push("");
      break;
    }
  }
  return out;
}

/** Parses a whole CSV text: records as field arrays with their start lines, and the problems found. */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[]; problems: CsvProblem[] } {
  const records: { line: number; fields: string[] }[] = [];
  const problems: CsvProblem[] = [];
  const scanner = new CsvScanner(
    (r) => records.push({ line: r.line, fields: splitRecord(r.raw) }),
    (p) => problems.push(p),
  );
  scanner.push(text);
  scanner.end();
  return { records, problems };
}
