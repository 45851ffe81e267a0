// Usage alerts: emailed once per client, month and kind (the outbox's dedupe key makes repeats no-ops).
import { withServiceRole, type Tx } from "@/lib/db";
import { alertRecipients } from "@/lib/db/members";
import { dueAlerts } from "@/lib/domain/forecast";
import { clientMonth } from "@/lib/hours/month";
import { enqueueMails } from "@/lib/mail/outbox";
import { usageAlertMail } from "@/lib/mail/templates";
import type { ClientRef } from "@/lib/types/clients";

/**
 * Emails each owner and assigned engineer once per client, month and alert kind (the outbox dedupe key),
 * when the current month crosses 80% or 100% of available or the forecast first exceeds it.
 */
export async function sendDueAlerts(tx: Tx, client: ClientRef, now: Date) {
  const { statement, forecast } = await clientMonth(tx, client, now);
  if (!statement || !forecast) return;
  const kinds = dueAlerts(statement, forecast);
  if (kinds.length === 0) return;
  const recipients = await alertRecipients(tx, { clientId: client.id });
  const mails = kinds.flatMap((alert) => recipients.map((r) => usageAlertMail({
    to: r.email, owner: r.owner, clientId: client.id, clientName: client.name, currency: client.currency, alert,
    statement, forecast,
  })));
  // One statement: past a threshold every later entry finds the alert due again, and the keys make it a no-op.
  await withServiceRole(tx, () => enqueueMails(tx, mails));
}
