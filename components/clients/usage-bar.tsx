import { usageStatus, usedPercent } from "@/lib/domain/usage";

const TONE = { hourly: "bg-slate-400", ok: "bg-brand-500", attention: "bg-amber-500", over: "bg-red-500" } as const;

/** A used-of-available bar; amber from 80% (the alert's rule, lib/domain/usage), red past 100%. */
export function UsageBar({ used, included, label }: { used: number; included: number | null; label: string }) {
  const pct = usedPercent(used, included ?? 0);
  const tone = TONE[usageStatus(used, included ?? 0)];
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
