"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useSyncExternalStore } from "react";
import type { Config, Data, Layout } from "plotly.js";
import { ChartSkeleton } from "@/components/ui/skeletons";

// Plotly's minified partial bundle with the scatter, bar and pie traces (about
// 390 KB gzipped instead of 1.4 MB for every trace type), loaded in the browser
// only; never the full sources. A chart of another trace type needs a bigger bundle.
const Plot = dynamic(
  async () => {
    const [{ default: Plotly }, { default: createPlotlyComponent }] = await Promise.all([
      import("plotly.js-basic-dist-min"),
      import("react-plotly.js/factory"),
    ]);
    return createPlotlyComponent(Plotly);
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
 */
export function PlotlyChart({
  figure,
  label,
  height = 360,
  hrefs,
}: {
  figure: Figure;
  label: string;
  height?: number;
  hrefs?: ReadonlyArray<string | null>;
}) {
  const router = useRouter();
  const dark = useSyncExternalStore(subscribeScheme, isDark, () => false);
  return (
    <figure
      aria-label={label}
      data-chart
      className={`m-0 w-full ${hrefs ? "chart-links" : ""}`}
      style={{ height }}
      data-clickable={hrefs ? "true" : undefined}
    >
      <Plot
        data={figure.data}
        layout={themed({ ...BASE_LAYOUT, ...figure.layout }, dark)}
        config={CONFIG}
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
  );
}
