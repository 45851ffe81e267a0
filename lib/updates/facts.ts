// The facts a weekly update is written from: the week's entries and roadmap changes, and the month as it
// stood at the end of the week. Both the template and Claude write from these, and the check holds drafts to them.
import type { Tx } from "@/lib/db";
import { roadmapChanges, weekEntries } from "@/lib/db/updates";
import { computeWeeklyFacts, weekFactsAsOf, type WeeklyFacts } from "@/lib/domain/weekly";
import { clientMonth } from "@/lib/hours/month";
import type { ClientRef } from "@/lib/types/clients";

/** The week's facts, with the month as it stood at the end of the week (or now, for the current week). */
export async function weeklyFacts(tx: Tx, client: ClientRef, weekStart: string, now: Date): Promise<WeeklyFacts> {
  const asOf = weekFactsAsOf(weekStart, client.timezone, now);
  const [entries, changes, cm] = await Promise.all([
    weekEntries(tx, { clientId: client.id, weekStart }),
    roadmapChanges(tx, { clientId: client.id, zone: client.timezone, weekStart }),
    clientMonth(tx, client, asOf),
  ]);
  const s = cm.statement;
  const f = cm.forecast;
  // The forecast is stated only when credible, and not once the month is over (used is then the fact).
  const stated = f && f.credible && f.elapsedDays < f.daysInMonth ? f : null;
  return computeWeeklyFacts({
    clientName: client.name,
    timezone: client.timezone,
    weekStart,
    entries,
    roadmapChanges: changes,
    month: s && f ? {
      month: s.month, usedMinutes: s.usedMinutes, availableMinutes: s.availableMinutes, remainingMinutes: s.remainingMinutes,
      forecastPaceDays: stated ? stated.elapsedDays : null,
      projectedMinutes: stated ? stated.projectedMinutes : s.usedMinutes,
      runsOutOn: f.runsOutActual || stated ? f.runsOutOn : null,
    } : null,
  });
}
