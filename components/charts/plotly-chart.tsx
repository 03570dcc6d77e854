"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Config, Data, Layout, PlotlyHTMLElement } from "plotly.js";
import type { PlotParams } from "react-plotly.js";
import { ChartSkeleton } from "@/components/ui/skeletons";
import { plotlySeparators } from "@/lib/format/separators";

type PlotlyModule = typeof import("plotly.js-basic-dist-min").default;
// The Plotly module once loaded: its downloadImage makes the PNGs, its register the locales.
let plotly: PlotlyModule | null = null;
const registeredLocales = new Set<string>();

// Plotly's minified partial bundle with the scatter, bar and pie traces (about
// 370 KiB gzipped instead of 1,378 KiB for every trace type), loaded in the browser
// only; never the full sources. A chart of another trace type needs a bigger bundle.
const Plot = dynamic(
  async () => {
    const [{ default: Plotly }, { default: createPlotlyComponent }] = await Promise.all([
      import("plotly.js-basic-dist-min"),
      import("react-plotly.js/factory"),
    ]);
    plotly = Plotly;
    const Component = createPlotlyComponent(Plotly);
    // The locale is registered before the first draw that names it.
    return function LocalizedPlot(props: PlotParams) {
      const locale = (props.config as Partial<Config> | undefined)?.locale;
      if (locale) registerLocale(locale);
      return <Component {...props} />;
    };
  },
  { ssr: false, loading: () => <ChartSkeleton bare /> },
);

export type Figure = { data: Data[]; layout?: Partial<Layout> };

const BASE_LAYOUT: Partial<Layout> = {
  autosize: true,
  margin: { l: 64, r: 24, t: 16, b: 48 },
  paper_bgcolor: "rgba(0,0,0,0)",
  plot_bgcolor: "rgba(0,0,0,0)",
  font: { family: "ui-sans-serif, system-ui, sans-serif", size: 12, color: "#334155" },
  hoverlabel: { font: { family: "ui-sans-serif, system-ui, sans-serif" } },
};

const CONFIG: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
};

/**
 * Registers the locale's month and day names with Plotly (from the browser's Intl),
 * so that date ticks and hover dates ("%b %Y") follow the locale too.
 */
function registerLocale(locale: string) {
  if (!plotly || registeredLocales.has(locale)) return;
  registeredLocales.add(locale);
  // Names as they read next to a year or a day ("Jan. 2026", "März 2026" in German), as in the tables.
  const names = (options: Intl.DateTimeFormatOptions, part: "month" | "weekday", count: number, date: (i: number) => Date) => {
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    return Array.from({ length: count }, (_, i) => format.formatToParts(date(i)).find((p) => p.type === part)?.value ?? format.format(date(i)));
  };
  const month = (i: number) => new Date(Date.UTC(2001, i, 1));
  const day = (i: number) => new Date(Date.UTC(2001, 0, 7 + i)); // Jan 7, 2001 was a Sunday
  const separators = plotlySeparators(locale);
  try {
    plotly.register({
      moduleType: "locale",
      name: locale,
      dictionary: {},
      format: {
        months: names({ month: "long", year: "numeric" }, "month", 12, month),
        shortMonths: names({ month: "short", year: "numeric" }, "month", 12, month),
        days: names({ weekday: "long" }, "weekday", 7, day),
        shortDays: names({ weekday: "short" }, "weekday", 7, day),
        decimal: separators[0],
        thousands: separators[1],
      },
    } as unknown as Parameters<PlotlyModule["register"]>[0]);
  } catch {
    // Plotly's own English names stay.
  }
}

/** A file name from a chart's name: "Monthly revenue" → "monthly-revenue". */
function fileName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "chart";
}

// Axis text and grid lines follow the system's colour scheme, like the page.
const DARK_QUERY = "(prefers-color-scheme: dark)";
const subscribeScheme = (onChange: () => void) => {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};
const isDark = () => window.matchMedia(DARK_QUERY).matches;

function themed(layout: Partial<Layout>, dark: boolean): Partial<Layout> {
  if (!dark) return layout;
  const axis = { gridcolor: "#334155", zerolinecolor: "#475569", linecolor: "#475569" };
  return {
    ...layout,
    font: { ...layout.font, color: "#cbd5e1" },
    xaxis: { ...axis, ...layout.xaxis },
    yaxis: { ...axis, ...layout.yaxis },
    legend: { ...layout.legend, font: { color: "#cbd5e1" } },
  };
}

/**
 * A Plotly figure whose data the server computed, in a `figure` element named by
 * `label` (it holds Plotly's interactive mode bar, so not role="img"). With
 * `hrefs` (one per point of the first trace), clicking a point opens its link:
 * the drill-down. The same links are in the table beside each chart, for the keyboard.
 * Numbers and dates follow `locale` (the request's, negotiated on the server);
 * "Download PNG" saves the chart as Plotly draws it, named after `name` (default: `label`).
 */
export function PlotlyChart({
  figure,
  label,
  locale,
  name,
  height = 360,
  hrefs,
}: {
  figure: Figure;
  label: string;
  locale: string;
  name?: string;
  height?: number;
  hrefs?: ReadonlyArray<string | null>;
}) {
  const router = useRouter();
  const dark = useSyncExternalStore(subscribeScheme, isDark, () => false);
  const graph = useRef<PlotlyHTMLElement | null>(null);
  const [ready, setReady] = useState(false);
  const separators = useMemo(() => plotlySeparators(locale), [locale]);
  const config = useMemo(() => ({ ...CONFIG, locale }), [locale]);
  const onDrawn = useCallback((_figure: unknown, graphDiv: HTMLElement) => {
    graph.current = graphDiv as PlotlyHTMLElement;
    setReady(true);
  }, []);
  const downloadPng = useCallback(() => {
    if (!plotly || !graph.current) return;
    void plotly.downloadImage(graph.current, { format: "png", filename: fileName(name ?? label), width: graph.current.clientWidth || 900, height: graph.current.clientHeight || height });
  }, [name, label, height]);
  return (
    <div className="w-full">
      <div className="mb-1 flex justify-end">
        <button
          type="button"
          onClick={downloadPng}
          aria-disabled={!ready}
          aria-label={`Download PNG: ${name ?? label}`}
          data-testid="chart-download-png"
          className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 aria-disabled:opacity-60"
        >
          Download PNG
        </button>
      </div>
      <figure
        aria-label={label}
        data-chart
        className={`m-0 w-full ${hrefs ? "chart-links" : ""}`}
        style={{ height }}
        data-clickable={hrefs ? "true" : undefined}
      >
        <Plot
          data={figure.data}
          layout={themed({ ...BASE_LAYOUT, separators, ...figure.layout }, dark)}
          config={config}
          onInitialized={onDrawn}
          onUpdate={onDrawn}
          useResizeHandler
          style={{ width: "100%", height: "100%" }}
          onClick={
            hrefs
              ? (event) => {
                  const point = event.points[0];
                  if (!point || point.curveNumber !== 0) return;
                  const href = hrefs[point.pointNumber ?? point.pointIndex];
                  if (href) router.push(href);
                }
              : undefined
          }
        />
      </figure>
    </div>
  );
}
