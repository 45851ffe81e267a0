// Issue 27, reminders of unpaid invoices: the doors they add, each attacked on the production stack.
//   - the settings action, as everyone but an admin, setting the ladder to "every day" and Stripe's switch;
//   - the same columns and the reminder table straight through the Data API, as each of them;
//   - the send-reminders cron route, without the secret and with a wrong one.
// Figure: attempts, succeeded 0, rows changed 0 (practice_settings' ladder, invoice_reminders, reminder mail).
import assert from "node:assert/strict";
import { DEMO_EMAILS, demoId } from "@/lib/dev/seed";
import { asPostgrest } from "../../support/direct-access";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;
const NOT_ADMINS = ["priya", "olivia", "marco", "aroha", "yuki"] as const;

async function state(stack: Stack) {
  const [row] = await stack.admin<{ ladder: string; reminders: number; mails: number }[]>`
    select (select reminder_days::text || stripe_sends_reminders::text from public.practice_settings) as ladder,
           (select count(*)::int from public.invoice_reminders) as reminders,
           (select count(*)::int from public.outbox where kind = 'invoice.reminder') as mails`;
  return row;
}

export async function reminders(stack: Stack, report: Report) {
  const before = await state(stack);
  const action = actionIds().get("updatePracticeAction")!;
  const [invoice] = await stack.admin<{ id: string; clientId: string }[]>`select id, client_id as "clientId" from public.invoices where status = 'open' limit 1`;
  let attempts = 0;
  let succeeded = 0;

  for (const who of NOT_ADMINS) {
    const cookie = await cookieFor(stack, who);
    for (const ladder of ["1", "1, 2, 3, 4, 5, 6", "", "365"]) {
      const reply = await callAction(stack, cookie, action, {
        name: "Taken over", address: "", invoiceEmail: "", daysUntilDue: "14", invoiceFooter: "", reminderDays: ladder, stripeSendsReminders: "on",
      });
      attempts++;
      if (reply.result?.ok !== false) succeeded++;
    }
    const actor = { label: who, id: demoId(DEMO_EMAILS[who]), email: DEMO_EMAILS[who] };
    const direct = [
      await asPostgrest(stack.admin, actor, (tx) => tx`update public.practice_settings set reminder_days = '{1,2,3,4,5,6}', stripe_sends_reminders = true`),
      ...(invoice ? [
        await asPostgrest(stack.admin, actor, (tx) => tx`insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients)
          values (${invoice.id}, ${invoice.clientId}, 365, 365, 0)`),
        await asPostgrest(stack.admin, actor, (tx) => tx`delete from public.invoice_reminders`),
      ] : []),
    ];
    attempts += direct.length;
    succeeded += direct.filter((o) => o.rows > 0).length;
  }

  for (const authorization of [undefined, "Bearer wrong-secret", "Bearer ", "Basic c3RyZXNzOnN0cmVzcw=="]) {
    for (const method of ["GET", "POST"]) {
      const res = await fetch(`${stack.base}/api/cron/send-reminders`, { method, headers: authorization ? { authorization } : {} });
      attempts++;
      if (res.status !== 401) succeeded++;
    }
  }

  const after = await state(stack);
  const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
  report(`reminder ladder: ${attempts} attempts (settings action by non-admins, Data API writes, cron without the secret), succeeded: ${succeeded}, rows changed: ${changed.length}`);
  assert.equal(succeeded, 0);
  assert.deepEqual(changed, []);
}
