/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(csvField).join(",") + "\n";
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, string | number>>): string {
  return csvLine(columns) + rows.map((row) => csvLine(columns.map((c) => row[c]))).join("");
}
