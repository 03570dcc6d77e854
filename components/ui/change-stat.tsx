import { getFormat } from "@/lib/format/server";

/**
 * A money figure with its change against a comparison period: "+16.0%" in green,
 * "−4.2%" in red, and the comparison spelled out. Exact values in data-value.
 */
export async function ChangeStat({
  label,
  value,
  previous,
  change,
  changePercent,
  period,
  previousPeriod,
  testId,
}: {
  label: string;
  value: string;
  previous: string;
  change: string;
  /** Percent with two decimals, "" when there is nothing to compare with. */
  changePercent: string;
  period: string;
  previousPeriod: string;
  testId: string;
}) {
  const { formatMoney, formatMoneyCompact, formatPercentNumber } = await getFormat();
  const negative = change.startsWith("-");
  const flat = /^-?0\.00$/.test(change);
  const tone = flat ? "text-slate-600" : negative ? "text-red-700" : "text-emerald-700";
  const arrow = flat ? "" : negative ? "▼ " : "▲ ";
  const percent = changePercent === "" ? "new" : `${negative ? "−" : "+"}${formatPercentNumber(changePercent.replace("-", ""))}`;
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={testId}>
      <div className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</div>
      <div className="tabular mt-2 text-2xl font-semibold text-slate-900" data-value={value} title={formatMoney(value)}>
        {formatMoneyCompact(value)}
      </div>
      <div className="mt-1 text-xs text-slate-500">{period}</div>
      <div className={`mt-2 text-sm font-medium ${tone}`} data-change={change} data-change-percent={changePercent}>
        {arrow}
        {percent} <span className="font-normal text-slate-500">vs {previousPeriod} </span>
        <span className="tabular font-normal text-slate-500" data-previous={previous}>
          ({formatMoneyCompact(previous)})
        </span>
      </div>
    </div>
  );
}
