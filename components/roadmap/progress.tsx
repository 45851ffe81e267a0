import { formatMinutes } from "@/lib/format";

/** Actual hours against the estimate: a small bar that turns amber past 90% and red past 100%. */
export function EstimateProgress({ actualMinutes, estimateMinutes, compact = false }: { actualMinutes: number; estimateMinutes: number | null; compact?: boolean }) {
  const pct = estimateMinutes ? Math.round((actualMinutes / estimateMinutes) * 100) : null;
  const tone = pct === null ? "bg-slate-300" : pct > 100 ? "bg-red-500" : pct > 90 ? "bg-amber-500" : "bg-emerald-500";
  const text = estimateMinutes
    ? `${formatMinutes(actualMinutes)} of ${formatMinutes(estimateMinutes)} estimated`
    : actualMinutes > 0 ? `${formatMinutes(actualMinutes)} logged, no estimate` : "No estimate yet";
  return (
    <div className={compact ? "text-xs" : "text-sm"}>
      <p className="text-slate-600">{text}{pct !== null && pct > 100 ? ` (${pct}%)` : ""}</p>
      {estimateMinutes ? (
        <div
          role="meter" aria-label="Hours against estimate" aria-valuemin={0} aria-valuemax={estimateMinutes} aria-valuenow={Math.min(actualMinutes, estimateMinutes)}
          aria-valuetext={text} className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100"
        >
          <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
        </div>
      ) : null}
    </div>
  );
}
