// Usage alerts: emailed once per client, month and kind (the outbox's dedupe key makes repeats no-ops).
import { withServiceRole, type Tx } from "@/lib/db";
import { alertRecipients } from "@/lib/db/members";
import { dueAlerts, type AlertKind } from "@/lib/domain/forecast";
import { formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { clientMonth } from "@/lib/hours/month";
import { enqueueMails } from "@/lib/mail/outbox";
import type { ClientRef } from "@/lib/types/clients";

const ALERT_TEXT: Record<AlertKind, (name: string, month: string) => string> = {
  used_80: (name, month) => `${name} has used 80% of ${month}'s hours`,
  used_100: (name, month) => `${name} has used all of ${month}'s hours`,
  // Due on a credible forecast, or once used is past available (then the month has gone over: a fact).
  forecast_over: (name, month) => `${name} is on pace to go over ${month}'s hours`,
};

/**
 * Emails each owner and assigned engineer once per client, month and alert kind (the outbox dedupe key),
 * when the current month crosses 80% or 100% of available or the forecast first exceeds it.
 */
export async function sendDueAlerts(tx: Tx, client: ClientRef, now: Date) {
  const cm = await clientMonth(tx, client, now);
  if (!cm.statement || !cm.forecast) return;
  const kinds = dueAlerts(cm.statement, cm.forecast);
  if (kinds.length === 0) return;
  const recipients = await alertRecipients(tx, { clientId: client.id });
  const s = cm.statement;
  const f = cm.forecast;
  const monthName = formatMonth(cm.month);
  const mails = kinds.flatMap((kind) => {
    // Without a credible forecast the forecast alert is due only because used is past available: say that.
    const subject = kind === "forecast_over" && !f.credible ? `${client.name} has gone over ${monthName}'s hours` : ALERT_TEXT[kind](client.name, monthName);
    return recipients.map((r) => {
      const lines = [
        `${subject}.`,
        "",
        `Used: ${formatMinutes(s.usedMinutes)} of ${formatMinutes(s.availableMinutes)} available (${formatMinutes(s.includedMinutes)} included${s.rolloverInMinutes ? ` + ${formatMinutes(s.rolloverInMinutes)} rolled over` : ""}).`,
        // The forecast only when credible, with what it rests on; a runs-out day that already happened is a fact.
        f.credible
          ? `Forecast for the month: ${formatMinutes(f.projectedMinutes)}${f.elapsedDays < f.daysInMonth ? ` at the pace of the last ${f.elapsedDays} days` : ""}${f.runsOutOn ? `; hours ${f.runsOutActual ? "ran" : "run"} out on ${f.runsOutOn}` : ""}.`
          : `Too early in the month to forecast${f.runsOutActual && f.runsOutOn ? `; hours ran out on ${f.runsOutOn}` : ""}.`,
      ];
      if (r.owner && f.credible && f.projectedOverageCents > 0 && f.elapsedDays < f.daysInMonth) {
        lines.push(`At this pace, overage would be about ${formatMoney(f.projectedOverageCents, client.currency)}.`);
      }
      return { kind: `alert.${kind}`, clientId: client.id, to: r.email, subject, text: lines.join("\n"), dedupeKey: `alert:${client.id}:${cm.month}:${kind}:${r.email}` };
    });
  });
  // One statement: past a threshold every later entry finds the alert due again, and the keys make it a no-op.
  await withServiceRole(tx, () => enqueueMails(tx, mails));
}
