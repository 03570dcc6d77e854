"use client";

import dynamic from "next/dynamic";
import type { Config, Data, Layout } from "plotly.js";
import { ChartSkeleton } from "@/components/ui/skeletons";

// The minified dist bundle, loaded in the browser only; never the full sources.
const Plot = dynamic(
  async () => {
    const [{ default: Plotly }, { default: createPlotlyComponent }] = await Promise.all([
      import("plotly.js-dist-min"),
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

/** A Plotly figure whose data the server computed. */
export function PlotlyChart({ figure, label, height = 360 }: { figure: Figure; label: string; height?: number }) {
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      <Plot
        data={figure.data}
        layout={{ ...BASE_LAYOUT, ...figure.layout }}
        config={CONFIG}
        useResizeHandler
        style={{ width: "100%", height: "100%" }}
      />
    </div>
  );
}
