import type { BurnUpPoint } from "@/lib/domain/forecast";
import { formatDate, formatMinutes } from "@/lib/format";

// A server-rendered SVG: no chart library in the client bundle. Minutes on the y axis, days on the x axis.
// The SVG scales with its card, so the axis labels are HTML laid over it at percentages of its box: they stay
// 11 px on a phone instead of shrinking with the drawing. On a phone the drawing stretches to a readable height
// (preserveAspectRatio none, strokes that don't scale), which the percentages follow.
const W = 640;
const H = 240;
const PAD = { top: 8, right: 8, bottom: 4, left: 4 };

export function BurnUpChart({ points, availableMinutes, label }: { points: BurnUpPoint[]; availableMinutes: number; label: string }) {
  if (points.length === 0) return null;
  const maxY = Math.max(availableMinutes, ...points.map((p) => Math.max(p.actual ?? 0, p.forecast ?? 0, p.pace)), 60);
  // A round step in hours (1, 2, 5, 10, …) giving at most six gridlines.
  const hourStep = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((step) => (maxY * 1.05) / 60 / step <= 5) ?? 1000;
  const yTop = Math.ceil((maxY * 1.05) / 60 / hourStep) * hourStep * 60;
  const x = (day: number) => PAD.left + ((day - 1) / Math.max(1, points.length - 1)) * (W - PAD.left - PAD.right);
  const y = (minutes: number) => PAD.top + (1 - minutes / yTop) * (H - PAD.top - PAD.bottom);
  const path = (values: (number | null)[]) =>
    values.reduce<string>((d, v, i) => (v === null ? d : `${d}${d ? "L" : "M"}${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`), "");
  const ticks = Array.from({ length: Math.floor(yTop / 60 / hourStep) + 1 }, (_, i) => i * hourStep * 60);
  const last = [...points].reverse().find((p) => p.actual !== null);
  const end = points[points.length - 1];

  return (
    <figure>
      <div className="pb-5 pl-8">
        <div className="relative">
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="burnup-title burnup-desc" preserveAspectRatio="none" className="block h-36 w-full overflow-visible sm:h-auto">
            <title id="burnup-title">{label}</title>
            <desc id="burnup-desc">
              {`Used ${formatMinutes(last?.actual ?? 0)} by ${last ? formatDate(last.date, { month: "short", day: "numeric" }) : "today"}; `}
              {`${formatMinutes(availableMinutes)} available; `}
              {end.forecast !== null ? `forecast ${formatMinutes(end.forecast)} by month end at the month's pace.` : end.actual === null ? "too early in the month to forecast." : ""}
            </desc>
            {ticks.map((t) => (
              <line key={t} x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="stroke-slate-200" vectorEffect="non-scaling-stroke" />
            ))}
            <line x1={PAD.left} x2={W - PAD.right} y1={y(availableMinutes)} y2={y(availableMinutes)} className="stroke-amber-500" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
            <path d={path(points.map((p) => p.pace))} fill="none" className="stroke-slate-400" strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeDasharray="2 4" />
            <path d={path(points.map((p) => p.forecast))} fill="none" className="stroke-brand-500" strokeWidth={2} vectorEffect="non-scaling-stroke" strokeDasharray="6 5" />
            <path d={path(points.map((p) => p.actual))} fill="none" className="stroke-brand-600" strokeWidth={2.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
          </svg>
          {/* The same facts as the description above, for the eye only. */}
          <div aria-hidden className="text-[11px] leading-none text-slate-600 tabular-nums">
            {ticks.map((t) => (
              <span key={t} className="absolute right-full mr-1.5 -translate-y-1/2" style={{ top: `${(y(t) / H) * 100}%` }}>{t / 60}h</span>
            ))}
            {[1, 8, 15, 22, points.length].map((d) => (
              <span key={d} className="absolute top-full mt-1.5 -translate-x-1/2" style={{ left: `${(x(d) / W) * 100}%` }}>{d}</span>
            ))}
          </div>
        </div>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <span className="flex items-center gap-1.5"><span aria-hidden className="h-0.5 w-4 bg-brand-600" />Used</span>
        {/* The forecast line is drawn only for a credible forecast (lib/domain/forecast.ts burnUp). */}
        {end.forecast !== null && <span className="flex items-center gap-1.5"><span aria-hidden className="h-0.5 w-4 border-t-2 border-dashed border-brand-500" />Forecast</span>}
        <span className="flex items-center gap-1.5"><span aria-hidden className="h-0.5 w-4 border-t-2 border-dotted border-slate-400" />Even pace</span>
        <span className="flex items-center gap-1.5"><span aria-hidden className="h-0.5 w-4 bg-amber-500" />Available</span>
      </figcaption>
    </figure>
  );
}
