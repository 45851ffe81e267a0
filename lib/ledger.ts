// The hours ledger as a service: reads through lib/db, computes through lib/domain, and writes entries with
// their audit events and alert emails in the caller's transaction.
import type { Tx } from "@/lib/db";
import { withServiceRole } from "@/lib/db";
import { dailyUsageFor, insertEntry, listTerms, listTermsFor, monthlyUsage, monthlyUsageFor, type EntryInput } from "@/lib/db/ledger";
import { addMonths, localDate, monthOf, type LocalDate, type Month } from "@/lib/domain/dates";
import { burnUp, dueAlerts, forecastMonth, type AlertKind, type BurnUpPoint, type Forecast } from "@/lib/domain/forecast";
import { priceMinutes, roundUpTo } from "@/lib/domain/money";
import { computeStatements, unapprovedOverage, type MonthStatement, type Terms } from "@/lib/domain/retainer";
import { formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { enqueueMails } from "@/lib/mail/outbox";

export interface ClientRef {
  id: string;
  name: string;
  timezone: string;
  currency: string;
}

export interface ClientMonth {
  today: LocalDate;
  currentMonth: Month;
  month: Month;
  terms: Terms[];
  /** Every month from the first terms through `month`. */
  history: MonthStatement[];
  statement: MonthStatement | null;
  forecast: Forecast | null;
  burnUp: BurnUpPoint[];
}

/** A client's month (the current one by default) with its statement, forecast and burn-up. */
export async function clientMonth(tx: Tx, client: ClientRef, now: Date, month?: Month): Promise<ClientMonth> {
  return (await clientMonths(tx, [client], now, month))[0];
}

/**
 * The same for several clients in three queries (terms, monthly sums, daily sums), whatever their number:
 * the engineer home shows every client at once.
 */
export async function clientMonths(tx: Tx, clients: ClientRef[], now: Date, month?: Month): Promise<ClientMonth[]> {
  // An engineer with no client yet (just joined the staff): nothing to compute, and no month range to span.
  if (clients.length === 0) return [];
  const ids = clients.map((c) => c.id);
  const todays = clients.map((c) => localDate(now, c.timezone));
  const months = todays.map((t) => month ?? monthOf(t));
  const first = months.reduce((a, m) => (m < a ? m : a), months[0]);
  const last = months.reduce((a, m) => (m > a ? m : a), months[0]);
  const [terms, usage, daily] = await Promise.all([
    listTermsFor(tx, ids),
    monthlyUsageFor(tx, ids, last),
    dailyUsageFor(tx, ids, first, addMonths(last, 1)),
  ]);
  return clients.map((c, i) => {
    const today = todays[i];
    const m = months[i];
    const t = terms.get(c.id)!;
    const history = computeStatements(t, usage.get(c.id)!, m);
    const statement = history.length && history[history.length - 1].month === m ? history[history.length - 1] : null;
    const days = daily.get(c.id)!.filter((d) => monthOf(d.workDate) === m);
    return {
      today,
      currentMonth: monthOf(today),
      month: m,
      terms: t,
      history,
      statement,
      forecast: statement ? forecastMonth(statement, days, today) : null,
      burnUp: statement ? burnUp(statement, days, today) : [],
    };
  });
}

export interface OverageWarning {
  /** Minutes beyond available + pre-approved this entry would cause. */
  unapprovedMinutes: number;
  overageMinutes: number;
  billedOverageMinutes: number;
  overageAmountCents: number;
  preapprovedMinutes: number;
}

/** What an entry would do to its month's overage, if it goes past what the owner pre-approved. */
export async function overageWarning(tx: Tx, clientId: string, input: EntryInput): Promise<OverageWarning | null> {
  if (!input.billable) return null;
  const month = monthOf(input.workDate);
  const [terms, usage] = await Promise.all([listTerms(tx, { clientId }), monthlyUsage(tx, { clientId, through: month })]);
  const history = computeStatements(terms, usage, month);
  const s = history[history.length - 1];
  if (!s || s.month !== month) return null;
  const unapproved = unapprovedOverage(s, input.minutes);
  if (unapproved === 0) return null;
  const overage = Math.max(0, s.loggedMinutes + input.minutes - s.availableMinutes);
  const billed = roundUpTo(overage, s.terms.overageIncrementMinutes);
  return {
    unapprovedMinutes: unapproved,
    overageMinutes: overage,
    billedOverageMinutes: billed,
    overageAmountCents: priceMinutes(billed, s.terms.overageRateCentsPerHour),
    preapprovedMinutes: s.terms.overagePreapprovedMinutes,
  };
}

/** What the log-time dialog hears back (amounts already formatted in the client's currency). */
export type LogOutcome =
  | { status: "saved"; entryId: string; summary: string }
  | { status: "needs_confirmation"; overage: string; amount: string; preapproved: string; unapproved: string };

export type LogResult = { status: "saved"; entryId: string } | { status: "needs_confirmation"; warning: OverageWarning };

/**
 * Logs an entry. Past available + pre-approved overage it refuses until `confirmed`, returning what the
 * entry would cost, so the engineer decides with the number in front of them.
 */
export async function logEntry(
  tx: Tx,
  actorId: string,
  client: ClientRef,
  input: EntryInput,
  opts: { confirmed: boolean; now: Date },
): Promise<LogResult> {
  if (!opts.confirmed) {
    const warning = await overageWarning(tx, client.id, input);
    if (warning) return { status: "needs_confirmation", warning };
  }
  const entryId = await insertEntry(tx, actorId, client.id, input);
  await sendDueAlerts(tx, client, opts.now);
  return { status: "saved", entryId };
}

const ALERT_TEXT: Record<AlertKind, (name: string, month: string) => string> = {
  used_80: (name, month) => `${name} has used 80% of ${month}'s hours`,
  used_100: (name, month) => `${name} has used all of ${month}'s hours`,
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
  const recipients = await tx<{ email: string; owner: boolean }[]>`
    select p.email, true as owner from public.client_members cm join public.profiles p on p.id = cm.user_id
    where cm.client_id = ${client.id} and cm.role = 'owner'
    union
    select p.email, false from public.client_engineers ce join public.profiles p on p.id = ce.user_id
    where ce.client_id = ${client.id}`;
  const s = cm.statement;
  const f = cm.forecast;
  const monthName = formatMonth(cm.month);
  const mails = kinds.flatMap((kind) => {
    const subject = ALERT_TEXT[kind](client.name, monthName);
    return recipients.map((r) => {
      const lines = [
        `${subject}.`,
        "",
        `Used: ${formatMinutes(s.usedMinutes)} of ${formatMinutes(s.availableMinutes)} available (${formatMinutes(s.includedMinutes)} included${s.rolloverInMinutes ? ` + ${formatMinutes(s.rolloverInMinutes)} rolled over` : ""}).`,
        `Forecast for the month: ${formatMinutes(f.projectedMinutes)}${f.runsOutOn ? `; hours ${f.runsOutActual ? "ran" : "run"} out on ${f.runsOutOn}` : ""}.`,
      ];
      if (r.owner && f.projectedOverageCents > 0) {
        lines.push(`At this pace, overage would be about ${formatMoney(f.projectedOverageCents, client.currency)}.`);
      }
      return { kind: `alert.${kind}`, clientId: client.id, to: r.email, subject, text: lines.join("\n"), dedupeKey: `alert:${client.id}:${cm.month}:${kind}:${r.email}` };
    });
  });
  // One statement: past a threshold every later entry finds the alert due again, and the keys make it a no-op.
  await withServiceRole(tx, () => enqueueMails(tx, mails));
}
