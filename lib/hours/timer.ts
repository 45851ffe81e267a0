// The timer (issue 25): one per person, on the server. Stopping it logs an ordinary entry through logTime, the
// log-time dialog's own path (closed months, the future-date rule, the pre-approved overage, audit, alerts), for
// the day it started in the client's zone and at most what is left of that day; past 10 hours or past midnight
// it asks first (lib/domain/timer).
import type { Tx } from "@/lib/db";
import { deleteTimer, insertTimer, myRunningTimer } from "@/lib/db/timers";
import { readTimer } from "@/lib/domain/timer";
import { formatDate, formatMinutes } from "@/lib/format";
import { logTime } from "@/lib/hours/log";
import { AppError, notFound, refuseIf } from "@/lib/platform/errors";
import type { ClientRow } from "@/lib/types/clients";
import type { Category, RunningTimer, TimerStopOutcome } from "@/lib/types/hours";

const stillRunning = (clientName: string) =>
  new AppError("conflict", `Your timer for ${clientName} is still running. Stop or discard it before starting another.`);

export async function startTimer(
  tx: Tx, actorId: string, client: ClientRow,
  input: { description: string; category: Category; billable: boolean; roadmapItemId: string | null },
): Promise<{ summary: string }> {
  const running = await myRunningTimer(tx);
  if (running) throw stillRunning(running.clientName);
  // Two starts at once: the second finds the first's row (one per person) and changes nothing.
  if (!(await insertTimer(tx, { timer: { userId: actorId, clientId: client.id, ...input } }))) throw stillRunning(client.name);
  return { summary: `Timer started for ${client.name.replace(/\.$/, "")}.` };
}

export async function stopTimer(
  tx: Tx, actorId: string, client: ClientRow,
  input: { confirm: boolean; minutes: number | null; confirmOverage: boolean }, now: Date,
): Promise<TimerStopOutcome> {
  const timer = await myRunningTimer(tx);
  if (!timer || timer.clientId !== client.id) throw notFound("That timer");
  // Elapsed by the database's clock (it stamped the start); the day by the app's calendar clock.
  const reading = readTimer({ startedAt: new Date(now.getTime() - timer.elapsedMs), now, zone: client.timezone });
  if (reading.ask && !input.confirm) {
    return {
      status: "ask", reason: reading.ask, elapsed: formatMinutes(reading.elapsedMinutes), workDate: reading.workDate,
      day: formatDate(reading.workDate, { weekday: "short", month: "short", day: "numeric" }),
      cap: formatMinutes(reading.capMinutes), capMinutes: reading.capMinutes, suggested: formatMinutes(reading.minutes),
    };
  }
  const minutes = input.minutes ?? reading.minutes;
  refuseIf(minutes > reading.capMinutes
    ? { field: "minutes", message: `At most ${formatMinutes(reading.capMinutes)}: what was left of ${formatDate(reading.workDate, { weekday: "short", month: "short", day: "numeric" })} when the timer started.` }
    : null);
  const outcome = await logTime(tx, actorId, client, {
    workDate: reading.workDate, minutes, description: timer.description, category: timer.category, billable: timer.billable, roadmapItemId: timer.roadmapItemId,
  }, { confirmed: input.confirmOverage, now });
  if (outcome.status === "saved") await deleteTimer(tx, { userId: actorId, clientId: client.id });
  return outcome;
}

export async function discardTimer(tx: Tx, actorId: string): Promise<void> {
  if (!(await deleteTimer(tx, { userId: actorId }))) throw notFound("That timer");
}

/** The running timer as the shell shows it, on the app's clock. */
export async function runningTimer(tx: Tx, now: Date): Promise<RunningTimer | null> {
  const t = await myRunningTimer(tx);
  if (!t) return null;
  return {
    clientId: t.clientId, clientName: t.clientName, roadmapTitle: t.roadmapTitle, description: t.description,
    startedAtMs: now.getTime() - t.elapsedMs, renderedAtMs: now.getTime(),
  };
}
