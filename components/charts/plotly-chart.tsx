"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
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

/**
 * A Plotly figure whose data the server computed. With `hrefs` (one per point of
 * the first trace), clicking a point opens its link: the drill-down. The same
 * links are in the table beside each chart, for the keyboard.
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
  return (
    <div role="img" aria-label={label} className={`w-full ${hrefs ? "chart-links" : ""}`} style={{ height }} data-clickable={hrefs ? "true" : undefined}>
      <Plot
        data={figure.data}
        layout={{ ...BASE_LAYOUT, ...figure.layout }}
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
    </div>
  );
}
