// What needs an engineer's attention first on the engineer home: each client's month ranked by how close it
// runs to (or past) its allotment.
import type { ClientMonth } from "@/lib/types/hours";
import { usageStatus } from "@/lib/domain/usage";

export interface Attention {
  /** 0 comes first: over, overage risk, past 80%, on track or hourly, no terms. */
  rank: number;
  tone: "red" | "amber" | "slate" | "green";
  label: string;
}

/** Over the allotment first, then heading over, then past 80%, then the rest. */
export function attention(cm: Pick<ClientMonth, "statement" | "forecast">): Attention {
  const s = cm.statement;
  const f = cm.forecast;
  if (!s || !f) return { rank: 4, tone: "slate", label: "No terms" };
  const status = usageStatus(s.usedMinutes, s.availableMinutes);
  if (status === "hourly") return { rank: 3, tone: "slate", label: "Hourly" };
  if (status === "over") return { rank: 0, tone: "red", label: "Over" };
  // Heading over only on a credible forecast: one busy first day is no risk to flag (lib/domain/forecast.ts).
  if (f.credible && f.projectedMinutes > s.availableMinutes) return { rank: 1, tone: "amber", label: "Overage risk" };
  if (status === "attention") return { rank: 2, tone: "amber", label: "Past 80%" };
  return { rank: 3, tone: "green", label: "On track" };
}

/** The share of the available minutes used (0 without terms or with nothing available). */
export function usedRatio(cm: Pick<ClientMonth, "statement">): number {
  const s = cm.statement;
  return s && s.availableMinutes > 0 ? s.usedMinutes / s.availableMinutes : 0;
}

/**
 * Pairs each client with its month and attention, most urgent first; within one rank, the fuller month first.
 * `months[i]` is the month of `clients[i]`.
 */
export function rankByAttention<C, M extends Pick<ClientMonth, "statement" | "forecast">>(
  clients: readonly C[],
  months: readonly M[],
): { client: C; cm: M; attention: Attention }[] {
  return clients
    .map((client, i) => ({ client, cm: months[i], attention: attention(months[i]) }))
    .sort((a, b) => a.attention.rank - b.attention.rank || usedRatio(b.cm) - usedRatio(a.cm));
}
