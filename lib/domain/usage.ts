// How a month's usage reads at a glance: the one 80% rule that the usage bar, the dashboard, the engineer
// home and the alert emails share.

export type UsageStatus = "hourly" | "ok" | "attention" | "over";

/** The share of available hours past which a month needs attention (and the 80% alert is due). */
export const ATTENTION_SHARE = { numerator: 4, denominator: 5 } as const;

/** Whether `used` has reached 80% of `available` (exactly, in whole minutes: no rounding of percentages). */
export function pastAttention(used: number, available: number): boolean {
  return available > 0 && used * ATTENTION_SHARE.denominator >= available * ATTENTION_SHARE.numerator;
}

/**
 * "hourly" without available hours (every minute is billed), "over" past them, "attention" from 80% on,
 * "ok" below.
 */
export function usageStatus(used: number, available: number): UsageStatus {
  if (available <= 0) return "hourly";
  if (used > available) return "over";
  if (pastAttention(used, available)) return "attention";
  return "ok";
}

/** Whole percent of available used, for display; null without available hours. */
export function usedPercent(used: number, available: number): number | null {
  return available > 0 ? Math.round((used / available) * 100) : null;
}
