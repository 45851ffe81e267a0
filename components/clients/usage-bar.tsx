/** A used-of-included bar; turns amber at 80% and red past 100%. Purely presentational. */
export function UsageBar({ used, included, label }: { used: number; included: number | null; label: string }) {
  const pct = included && included > 0 ? Math.round((used / included) * 100) : null;
  const tone = pct === null ? "bg-slate-400" : pct > 100 ? "bg-red-500" : pct >= 80 ? "bg-amber-500" : "bg-brand-500";
  return (
    <div>
      <div
        role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={included ?? used} aria-valuenow={used}
        aria-valuetext={pct === null ? "No included hours" : `${pct}% of included hours`}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
      </div>
    </div>
  );
}
