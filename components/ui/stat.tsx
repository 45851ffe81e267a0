import type { ReactNode } from "react";

export function Stat({ label, value, detail, tone = "default" }: { label: string; value: ReactNode; detail?: ReactNode; tone?: "default" | "warn" | "bad" | "good" }) {
  const tones = { default: "text-slate-900", warn: "text-amber-700", bad: "text-red-700", good: "text-emerald-700" };
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tones[tone]}`}>{value}</dd>
      {detail && <dd className="mt-0.5 text-xs text-slate-500">{detail}</dd>}
    </div>
  );
}
