/** Plotly's `layout.separators` for a locale: its decimal mark, then its thousands separator (".," in en, ",." in de). */
export function plotlySeparators(locale: string): string {
  const parts = new Intl.NumberFormat(locale, { useGrouping: "always" } as Intl.NumberFormatOptions).formatToParts(1234567.5);
  return `${parts.find((p) => p.type === "decimal")?.value ?? "."}${parts.find((p) => p.type === "group")?.value ?? ","}`;
}
