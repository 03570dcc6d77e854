"use client";

import { startTransition, useActionState, useMemo, useRef, useState, type FormEvent } from "react";
import { type ImportState, UPLOAD_TABLES as TABLE_NAMES, formatBytes } from "@/lib/ops/import/upload";
import { importCsv } from "./actions";

const BUTTON =
  "inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60";
const PRIMARY = `${BUTTON} bg-brand-700 text-white hover:bg-brand-600 focus-visible:outline-brand-700`;

/** The upload form: files, the upsert choice, a busy indicator, then the result. */
export function ImportForm({ limitBytes, locale }: { limitBytes: number; locale: string }) {
  const [state, dispatch, pending] = useActionState<ImportState, FormData>(importCsv, null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const files = formData.getAll("files").filter((f): f is File => f instanceof File && f.size > 0);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    // Checked here too: the server refuses larger bodies before the action runs.
    if (total > limitBytes) {
      setTooLarge(
        `The files are too large to upload here (${formatBytes(total)}; at most ${formatBytes(limitBytes)} in total). Import larger sets with npm run import.`,
      );
      return;
    }
    setTooLarge(null);
    startTransition(() => dispatch(formData));
  }

  return (
    <div className="grid gap-5">
      <form ref={formRef} action={dispatch} onSubmit={onSubmit} className="grid gap-4" aria-busy={pending}>
        <div>
          <label htmlFor="files" className="block text-sm font-medium text-slate-700">
            CSV files
          </label>
          <input
            id="files"
            name="files"
            type="file"
            multiple
            required
            accept=".csv,text/csv"
            aria-describedby="files-hint"
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-brand-900 hover:file:bg-brand-100"
          />
          <p id="files-hint" className="mt-1 text-xs text-slate-500">
            {TABLE_NAMES.map((t) => `${t}.csv`).join(", ")}; at most {formatBytes(limitBytes)} in total.
          </p>
        </div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="upsert" className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-700" />
          <span>
            Update existing rows <span className="text-slate-500">(rows whose key is already in the database are replaced instead of rejected)</span>
          </span>
        </label>
        <div className="flex items-center gap-3">
          <button type="submit" className={PRIMARY} disabled={pending}>
            {pending ? "Importing…" : "Import"}
          </button>
          {pending ? (
            <span role="status" className="flex items-center gap-2 text-sm text-slate-600" data-testid="import-pending">
              <span className="h-2 w-32 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
                <span className="block h-full w-1/3 animate-pulse rounded-full bg-brand-600" />
              </span>
              Reading, checking and loading the files…
            </span>
          ) : null}
        </div>
      </form>
      {tooLarge ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-error">
          {tooLarge}
        </p>
      ) : (
        <ImportOutcome state={state} locale={locale} />
      )}
    </div>
  );
}

function ImportOutcome({ state, locale }: { state: ImportState; locale: string }) {
  const number = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  if (!state) return null;
  if (state.ok) {
    const tables = TABLE_NAMES.filter((t) => state.counts[t] !== undefined);
    return (
      <div className="grid gap-3" data-testid="import-result">
        <p role="status" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900" data-testid="import-success">
          Imported {number.format(state.rows)} rows{state.upsert ? " (existing rows updated)" : ""} in {state.seconds.toFixed(1)} s.
        </p>
        <table className="w-full max-w-md text-sm" data-testid="import-counts">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-500">
              <th className="py-1.5 font-medium">Table</th>
              <th className="py-1.5 text-right font-medium">Rows</th>
            </tr>
          </thead>
          <tbody>
            {tables.map((t) => (
              <tr key={t} className="border-b border-slate-100" data-table={t}>
                <td className="py-1.5 font-mono">{t}</td>
                <td className="tabular py-1.5 text-right" data-value={state.counts[t]}>
                  {number.format(state.counts[t] ?? 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <div className="grid gap-3">
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-error">
        {state.error}
      </p>
      {state.rejections && state.rejections.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="import-rejections">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-500">
                <th className="py-1.5 pr-3 font-medium">File</th>
                <th className="py-1.5 pr-3 text-right font-medium">Line</th>
                <th className="py-1.5 pr-3 font-medium">Column</th>
                <th className="py-1.5 font-medium">Reason</th>
              </tr>
            </thead>
            <tbody>
              {state.rejections.map((r, k) => (
                <tr key={k} className="border-b border-slate-100 align-top" data-row>
                  <td className="py-1.5 pr-3 font-mono" data-column="file">
                    {r.file}
                  </td>
                  <td className="tabular py-1.5 pr-3 text-right" data-column="line">
                    {r.line}
                  </td>
                  <td className="py-1.5 pr-3 font-mono" data-column="column">
                    {r.column || "—"}
                  </td>
                  <td className="py-1.5 text-slate-700" data-column="reason">
                    {r.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.rejectedCount !== undefined && state.rejectedCount > state.rejections.length ? (
            <p className="mt-2 text-sm text-slate-500">
              Showing the first {state.rejections.length} of {number.format(state.rejectedCount)} problems.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
