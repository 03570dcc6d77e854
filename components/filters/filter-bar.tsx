"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import {
  type Channel,
  type Filters,
  filtersKey,
  filtersToSearchParams,
  parseFilters,
  presetRange,
  RANGE_LABELS,
  RANGE_PRESETS,
  type RangePreset,
} from "@/lib/filters";
import type { FilterOptions } from "@/lib/filters/options";

type Draft = Omit<Filters, "from" | "to"> & { from: string; to: string };

const CHANNEL_LABELS: Record<Channel, string> = { online: "Online", dealer: "Dealer", fleet: "Fleet" };

function draftOf(filters: Filters): Draft {
  return { ...filters, from: filters.range === "custom" ? (filters.from ?? "") : "", to: filters.range === "custom" ? (filters.to ?? "") : "" };
}

function paramsOf(draft: Draft): URLSearchParams {
  const params = new URLSearchParams();
  params.set("range", draft.range);
  if (draft.range === "custom") {
    if (draft.from) params.set("from", draft.from);
    if (draft.to) params.set("to", draft.to);
  }
  for (const id of draft.plantIds) params.append("plant", String(id));
  for (const m of draft.models) params.append("model", m);
  for (const r of draft.regions) params.append("region", r);
  for (const c of draft.channels) params.append("channel", c);
  return params;
}

const dateLabel = (day: string, locale: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/**
 * The page filters. State lives in the URL: every change navigates (router.push),
 * so links are shareable and Back restores the previous filters. Without
 * JavaScript it is a plain GET form whose submission the server redirects to the
 * same canonical URL. `keep` are other params of the page carried along (never
 * a pagination cursor: new filters start at the first page). Dates are shown in
 * `locale`, the request's.
 */
export function FilterBar({
  filters,
  today,
  options,
  locale,
  keep = {},
}: {
  filters: Filters;
  today: string;
  options: FilterOptions;
  locale: string;
  keep?: Record<string, string>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  // The URL changed (Back, a link, our own push): show what it says.
  const key = filtersKey(filters);
  useEffect(() => {
    setDraft(draftOf(filters));
    setProblem(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  function apply(next: Draft) {
    setDraft(next);
    const parsed = parseFilters(paramsOf(next), today);
    if (!parsed.ok) {
      setProblem(parsed.errors.map((e) => `${e.param}: ${e.message}`).join("; "));
      return;
    }
    setProblem(null);
    const params = filtersToSearchParams(parsed.filters);
    for (const [name, value] of Object.entries(keep)) params.set(name, value);
    const query = params.toString();
    const url = query ? `${pathname}?${query}` : pathname;
    startTransition(() => router.push(url, { scroll: false }));
  }

  function setRange(range: RangePreset) {
    if (range === "custom") {
      // Start a custom range from what the preset showed.
      const shown = draft.range === "custom" ? { from: draft.from, to: draft.to } : presetRange(draft.range, today);
      apply({ ...draft, range, from: shown.from ?? "", to: shown.to ?? "" });
    } else {
      apply({ ...draft, range, from: "", to: "" });
    }
  }

  const toggle = <K extends "plantIds" | "models" | "regions" | "channels">(field: K, value: Draft[K][number], on: boolean) => {
    const current = draft[field] as Array<Draft[K][number]>;
    const next = on ? [...current, value] : current.filter((v) => v !== value);
    apply({ ...draft, [field]: next });
  };

  const resolved = draft.range === "custom" ? null : presetRange(draft.range, today);
  const clearQuery = new URLSearchParams(keep).toString();

  return (
    <form
      method="get"
      action={pathname}
      role="search"
      aria-label="Filters"
      aria-busy={pending}
      data-testid="filter-bar"
      className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col">
          <label htmlFor={`${id}-range`} className="text-xs font-medium text-slate-600">
            Date range
          </label>
          <select
            id={`${id}-range`}
            name="range"
            value={draft.range}
            onChange={(e) => setRange(e.target.value as RangePreset)}
            className={CONTROL}
            aria-describedby={`${id}-range-hint`}
          >
            {RANGE_PRESETS.map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {draft.range === "custom" ? (
          <>
            <div className="flex flex-col">
              <label htmlFor={`${id}-from`} className="text-xs font-medium text-slate-600">
                From
              </label>
              <input
                id={`${id}-from`}
                type="date"
                name="from"
                value={draft.from}
                max={draft.to || undefined}
                onChange={(e) => apply({ ...draft, from: e.target.value })}
                className={CONTROL}
              />
            </div>
            <div className="flex flex-col">
              <label htmlFor={`${id}-to`} className="text-xs font-medium text-slate-600">
                To
              </label>
              <input
                id={`${id}-to`}
                type="date"
                name="to"
                value={draft.to}
                min={draft.from || undefined}
                onChange={(e) => apply({ ...draft, to: e.target.value })}
                className={CONTROL}
              />
            </div>
          </>
        ) : null}
        <Choice
          label="Plant"
          name="plant"
          values={options.plants.map((p) => ({ value: String(p.id), label: p.name }))}
          selected={draft.plantIds.map(String)}
          onToggle={(v, on) => toggle("plantIds", Number(v), on)}
        />
        <Choice label="Model" name="model" values={options.models.map((m) => ({ value: m, label: m }))} selected={draft.models} onToggle={(v, on) => toggle("models", v, on)} />
        <Choice label="Region" name="region" values={options.regions.map((r) => ({ value: r, label: r }))} selected={draft.regions} onToggle={(v, on) => toggle("regions", v, on)} />
        <Choice
          label="Channel"
          name="channel"
          values={options.channels.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          selected={draft.channels}
          onToggle={(v, on) => toggle("channels", v as Channel, on)}
        />
        <div className="flex items-center gap-2">
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
            Apply
          </button>
          <a
            href={clearQuery ? `${pathname}?${clearQuery}` : pathname}
            onClick={(e) => {
              e.preventDefault();
              apply({ range: "all", from: "", to: "", plantIds: [], models: [], regions: [], channels: [] });
            }}
            className="rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Clear filters
          </a>
        </div>
      </div>
      <p id={`${id}-range-hint`} className="mt-2 text-xs text-slate-500" aria-live="polite">
        {resolved ? (resolved.from ? `${dateLabel(resolved.from, locale)} – ${dateLabel(resolved.to!, locale)}` : "Every sale on record") : "Both days included"}
        {pending ? <span className="ml-2 text-slate-400">Updating…</span> : null}
      </p>
      {problem ? (
        <p role="alert" className="mt-2 text-sm text-red-700" data-testid="filter-problem">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

const CONTROL =
  "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600";

/** A multiple choice as a disclosure of checkboxes: native keyboard use, one fieldset and legend each. */
function Choice({
  label,
  name,
  values,
  selected,
  onToggle,
}: {
  label: string;
  name: string;
  values: Array<{ value: string; label: string }>;
  selected: string[];
  onToggle: (value: string, on: boolean) => void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const names = values.filter((v) => selected.includes(v.value)).map((v) => v.label);
  // Selected values the options do not list (e.g. from a shared link) still show and submit.
  const extra = selected.filter((s) => !values.some((v) => v.value === s));
  const summary = selected.length === 0 ? "All" : [...names, ...extra].length <= 2 ? [...names, ...extra].join(", ") : `${selected.length} selected`;

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = (event: MouseEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("click", close);
    return () => document.removeEventListener("click", close);
  }, []);

  return (
    <div className="flex flex-col">
      <span className="text-xs font-medium text-slate-600" aria-hidden="true">
        {label}
      </span>
      <details
        ref={ref}
        className="relative"
        data-filter={name}
        onKeyDown={(e) => {
          if (e.key === "Escape" && ref.current?.open) {
            ref.current.open = false;
            ref.current.querySelector("summary")?.focus();
          }
        }}
      >
        <summary
          aria-label={`${label}: ${summary}`}
          className={`${CONTROL} flex min-w-32 cursor-pointer list-none items-center justify-between gap-2 [&::-webkit-details-marker]:hidden`}
        >
          <span className={selected.length ? "font-medium text-slate-900" : "text-slate-500"}>{summary}</span>
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 text-slate-400" fill="currentColor">
            <path d="M5.5 7.5l4.5 4.5 4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
          </svg>
        </summary>
        <fieldset className="absolute z-20 mt-1 max-h-72 min-w-48 overflow-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <legend className="sr-only">{label}</legend>
          {values.length === 0 && extra.length === 0 ? <p className="px-2 py-1 text-sm text-slate-500">No options</p> : null}
          {[...values, ...extra.map((e) => ({ value: e, label: e }))].map((v) => (
            <label key={v.value} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm whitespace-nowrap text-slate-700 hover:bg-slate-50">
              <input
                type="checkbox"
                name={name}
                value={v.value}
                checked={selected.includes(v.value)}
                onChange={(e) => onToggle(v.value, e.target.checked)}
                className="h-4 w-4 accent-brand-700"
              />
              {v.label}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
