// Plotly figures of the executive and sales pages, built on the server from exact
// rows (floats only as chart coordinates), in the notation of the request's locale.
// Pure functions: no I/O, no browser.
import type { Data } from "plotly.js";
import type { ChannelMixRow } from "@/lib/kpi/channel-mix-by-month";
import type { FleetVsRetailRow } from "@/lib/kpi/fleet-vs-retail";
import type { ModelShareRow } from "@/lib/kpi/model-share-by-month";
import type { RevenueByChannelRow } from "@/lib/kpi/revenue-by-channel";
import type { RevenueByRegionRow } from "@/lib/kpi/revenue-by-region";
import type { SellingPriceRow } from "@/lib/kpi/selling-price-and-discount";
import type { UnitsBuiltVsSoldRow } from "@/lib/kpi/units-built-vs-sold";
import type { ChartFormat } from "@/lib/format/number";
import type { Figure } from "./plotly-chart";

export const PALETTE = ["#047857", "#0ea5e9", "#f59e0b", "#8b5cf6", "#ef4444", "#14b8a6", "#64748b", "#ec4899"];
const CHANNEL_COLORS: Record<string, string> = { online: "#0ea5e9", dealer: "#047857", fleet: "#f59e0b" };
const channelColor = (channel: string, i: number) => CHANNEL_COLORS[channel] ?? PALETTE[i % PALETTE.length]!;

const month = (m: string) => `${m}-01`;
const MONTH_AXIS = { title: { text: "Month" }, type: "date" as const, tickformat: "%b %Y" };
const USD_AXIS = (text: string, chart: ChartFormat) => ({ title: { text }, ...chart.usdAxis, separatethousands: true, rangemode: "tozero" as const });
const LEGEND_BELOW = { orientation: "h" as const, y: -0.2, x: 0 };

export function unitsBuiltVsSoldFigure(rows: readonly UnitsBuiltVsSoldRow[], chart: ChartFormat): Figure {
  const x = rows.map((r) => month(r.month_year));
  return {
    data: [
      { type: "scatter", mode: "lines+markers", name: "Built", x, y: rows.map((r) => r.units_built), line: { color: "#64748b", width: 2 }, marker: { size: 4 }, hovertemplate: "%{x|%b %Y}<br>Built: %{y:,} vehicles<extra></extra>" },
      { type: "scatter", mode: "lines+markers", name: "Sold", x, y: rows.map((r) => r.units_sold), line: { color: "#047857", width: 2 }, marker: { size: 4 }, hovertemplate: "%{x|%b %Y}<br>Sold: %{y:,} vehicles<extra></extra>" },
    ],
    layout: { xaxis: MONTH_AXIS, yaxis: { title: { text: "Vehicles (units per month)" }, separatethousands: true, rangemode: "tozero" }, legend: LEGEND_BELOW, hovermode: "x unified" },
  };
}

export function revenueByRegionFigure(rows: readonly RevenueByRegionRow[], chart: ChartFormat): Figure {
  const ordered = [...rows].reverse(); // largest at the top of a horizontal bar chart
  return {
    data: [
      {
        type: "bar",
        orientation: "h",
        y: ordered.map((r) => r.region),
        x: ordered.map((r) => Number(r.total_revenue)),
        customdata: ordered.map((r) => [r.orders, chart.percent(r.revenue_share_percent)]),
        marker: { color: "#047857" },
        hovertemplate: `%{y}<br>${chart.usd("%{x:,.2f}")}<br>%{customdata[0]:,} orders · %{customdata[1]} of revenue<extra></extra>`,
      },
    ],
    layout: { xaxis: USD_AXIS("Revenue (USD)", chart), yaxis: { title: { text: "Customer region" }, automargin: true }, margin: { l: 120, r: 24, t: 16, b: 48 } },
  };
}

export function revenueByChannelFigure(rows: readonly RevenueByChannelRow[], chart: ChartFormat): Figure {
  return {
    data: [
      {
        type: "pie",
        hole: 0.5,
        sort: false,
        labels: rows.map((r) => r.channel),
        values: rows.map((r) => Number(r.total_revenue)),
        customdata: rows.map((r) => r.orders),
        marker: { colors: rows.map((r, i) => channelColor(r.channel, i)) },
        textinfo: "label+percent",
        hovertemplate: `%{label}<br>${chart.usd("%{value:,.2f}")}<br>%{customdata:,} orders · %{percent}<extra></extra>`,
      },
    ],
    layout: { showlegend: true, legend: { orientation: "h", y: -0.1 }, margin: { l: 16, r: 16, t: 16, b: 16 } },
  };
}

export function sellingPriceFigure(rows: readonly SellingPriceRow[], chart: ChartFormat): Figure {
  const x = rows.map((r) => month(r.month_year));
  return {
    data: [
      { type: "scatter", mode: "lines", name: "Average selling price", x, y: rows.map((r) => Number(r.average_selling_price)), line: { color: "#047857", width: 2 }, hovertemplate: `%{x|%b %Y}<br>Average price: ${chart.usd("%{y:,.2f}")}<extra></extra>` },
      { type: "scatter", mode: "lines", name: "Discount vs MSRP", x, y: rows.map((r) => Number(r.discount_percent)), yaxis: "y2", line: { color: "#f59e0b", width: 2, dash: "dot" }, hovertemplate: "%{x|%b %Y}<br>Discount: %{y:.2f}% of MSRP<extra></extra>" },
    ],
    layout: {
      xaxis: MONTH_AXIS,
      yaxis: { title: { text: "Average selling price (USD)" }, ...chart.usdAxis, separatethousands: true },
      yaxis2: { title: { text: "Discount vs MSRP (%)" }, ticksuffix: "%", tickformat: ".1f", overlaying: "y", side: "right", rangemode: "tozero", showgrid: false },
      legend: LEGEND_BELOW,
      margin: { l: 72, r: 64, t: 16, b: 48 },
    },
  };
}

/** One stacked area per model; a button switches between revenue and share of the month's revenue. */
export function modelShareFigure(rows: readonly ModelShareRow[], chart: ChartFormat): Figure {
  const models = [...new Set(rows.map((r) => r.model_name))].sort();
  const months = [...new Set(rows.map((r) => r.month_year))].sort();
  const data: Data[] = models.map((model, i) => {
    const byMonth = new Map(rows.filter((r) => r.model_name === model).map((r) => [r.month_year, r]));
    return {
      type: "scatter",
      mode: "lines",
      stackgroup: "models",
      name: model,
      x: months.map(month),
      y: months.map((m) => Number(byMonth.get(m)?.total_revenue ?? 0)),
      customdata: months.map((m) => [chart.percent(byMonth.get(m)?.share_percent ?? "0.00"), byMonth.get(m)?.units_sold ?? 0]),
      line: { color: PALETTE[i % PALETTE.length], width: 1 },
      hovertemplate: `${model}<br>%{x|%b %Y}<br>${chart.usd("%{y:,.2f}")} · %{customdata[0]} of the month<br>%{customdata[1]:,} units<extra></extra>`,
    } as Data;
  });
  const revenueAxis = { title: { text: "Revenue (USD per month)" }, ...chart.usdAxis, separatethousands: true };
  const shareAxis = { title: { text: "Share of the month's revenue (%)" }, tickprefix: "", ticksuffix: "%", range: [0, 100] };
  return {
    data,
    layout: {
      xaxis: MONTH_AXIS,
      yaxis: revenueAxis,
      legend: LEGEND_BELOW,
      hovermode: "closest",
      updatemenus: [
        {
          type: "buttons",
          direction: "right",
          x: 0,
          xanchor: "left",
          y: 1.12,
          yanchor: "bottom",
          showactive: true,
          buttons: [
            { label: "Revenue", method: "update", args: [{ groupnorm: "" }, { yaxis: revenueAxis }] },
            { label: "Share %", method: "update", args: [{ groupnorm: "percent" }, { yaxis: shareAxis }] },
          ],
        },
      ],
      margin: { l: 80, r: 24, t: 48, b: 48 },
    },
  };
}

/** Orders per channel and month, stacked. */
export function channelMixFigure(rows: readonly ChannelMixRow[], chart: ChartFormat): Figure {
  const channels = [...new Set(rows.map((r) => r.channel))].sort();
  const months = [...new Set(rows.map((r) => r.month_year))].sort();
  return {
    data: channels.map((channel, i) => {
      const byMonth = new Map(rows.filter((r) => r.channel === channel).map((r) => [r.month_year, r]));
      return {
        type: "bar",
        name: channel,
        x: months.map(month),
        y: months.map((m) => byMonth.get(m)?.orders ?? 0),
        customdata: months.map((m) => [chart.percent(byMonth.get(m)?.order_share_percent ?? "0.00"), Number(byMonth.get(m)?.total_revenue ?? 0)]),
        marker: { color: channelColor(channel, i) },
        hovertemplate: `${channel}<br>%{x|%b %Y}<br>%{y:,} orders · %{customdata[0]} of the month<br>${chart.usd("%{customdata[1]:,.2f}")}<extra></extra>`,
      } as Data;
    }),
    layout: { barmode: "stack", xaxis: MONTH_AXIS, yaxis: { title: { text: "Orders per month" }, separatethousands: true }, legend: LEGEND_BELOW, bargap: 0.1 },
  };
}

/** Newest month first, then by the second key (model or channel) A to Z: the tables' order. */
export function newestMonthFirst<R extends { month_year: string }>(rows: readonly R[], key: (r: R) => string): R[] {
  return [...rows].sort((a, b) => (a.month_year === b.month_year ? key(a).localeCompare(key(b)) : a.month_year < b.month_year ? 1 : -1));
}

export function fleetVsRetailFigure(rows: readonly FleetVsRetailRow[], chart: ChartFormat): Figure {
  return {
    data: [
      {
        type: "bar",
        x: rows.map((r) => r.segment),
        y: rows.map((r) => Number(r.average_selling_price)),
        customdata: rows.map((r) => [r.orders, Number(r.total_revenue), chart.percent(r.discount_percent)]),
        marker: { color: rows.map((r) => (r.segment === "fleet" ? "#f59e0b" : "#047857")) },
        text: rows.map((r) => chart.usdWhole(r.average_selling_price)),
        textposition: "auto",
        hovertemplate: `%{x}<br>Average price ${chart.usd("%{y:,.2f}")}<br>%{customdata[0]:,} orders · ${chart.usd("%{customdata[1]:,.2f}")}<br>Discount %{customdata[2]} of MSRP<extra></extra>`,
      },
    ],
    layout: { xaxis: { title: { text: "Customer segment" } }, yaxis: USD_AXIS("Average selling price (USD)", chart) },
  };
}
