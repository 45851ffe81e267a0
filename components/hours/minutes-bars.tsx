import { formatMinutes } from "@/lib/format";

/** Minutes per label as horizontal bars, largest first. */
export function MinutesBars({ rows, empty, label }: { rows: { key: string; label: string; minutes: number; href?: string }[]; empty: string; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.minutes));
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul aria-label={label} className="space-y-2.5">
      {rows.map((r) => (
        <li key={r.key} className="text-sm">
          <div className="flex justify-between gap-3">
            <span className="min-w-0 truncate text-slate-800">{r.href ? <a href={r.href} className="hover:underline">{r.label}</a> : r.label}</span>
            <span className="shrink-0 font-medium tabular-nums text-slate-900">{formatMinutes(r.minutes)}</span>
          </div>
          <div aria-hidden className="mt-1 h-1.5 rounded-full bg-slate-100">
            <div className="h-full rounded-full bg-brand-500/80" style={{ width: `${Math.max(2, (r.minutes / max) * 100)}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
