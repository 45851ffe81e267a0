// A client's past months: every month's statement, newest first, each with its phase (in progress, awaiting
// its invoice, closed), the day an ended month will be invoiced and, for those who see money, its invoice.
import { notFound } from "next/navigation";
import { asUser } from "@/lib/db";
import { billedByMonth, billedFees, listInvoices } from "@/lib/db/invoices";
import { closedMonths } from "@/lib/db/periods";
import { getPracticeSettings } from "@/lib/db/settings";
import { addMonths, localDate, type LocalDate } from "@/lib/domain/dates";
import { awaitingInvoice, monthPhase, type MonthPhase } from "@/lib/domain/month-phase";
import type { MonthStatement } from "@/lib/domain/retainer";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";
import { clientMonth } from "@/lib/hours/month";
import type { ClientPage } from "@/lib/pages/access";
import { found } from "@/lib/platform/errors";
import { monthReviews } from "@/lib/reviews/months";
import type { MonthReview } from "@/lib/types/reviews";

export interface StatementMonth {
  statement: MonthStatement;
  phase: MonthPhase;
  /** The month's invoice, for those who see money. */
  invoiceId: string | null;
  /** An ended month not invoiced yet: the day the daily close invoices it. */
  invoiceOn: LocalDate | null;
  /**
   * For those who see money, what the invoices so far billed for a closed month (its own invoice plus any
   * adjustments of it); it differs from the statement's total while a correction waits for the next invoice.
   */
  billedCents: number | null;
  /** A prorated first month, in words: "Prorated from Dec 5: 27 of 31 days (fee and included hours)". */
  proration: string | null;
  /**
   * For those who see money, when the month's fee is invoiced: "Fee invoiced in advance on INV-00012 (issued
   * for November 2026)", "Fee to be invoiced in advance, with the close of November 2026", or null: with the
   * month's own close.
   */
  feeNote: string | null;
  /** An ended month not invoiced yet: its owners' review (issue 23). */
  review: MonthReview | null;
}

/** The proration of a first month, as statements say it. */
export function prorationSaying(s: MonthStatement): string | null {
  return s.prorated
    ? `Prorated from ${formatDate(s.prorated.fromDate, { month: "short", day: "numeric" })}: ${s.prorated.days} of ${s.prorated.daysInMonth} days (fee and included hours)`
    : null;
}

/** Newest first; empty before the first month of the retainer terms. */
export async function viewStatements({ claims, client, seesMoney }: ClientPage, now: Date): Promise<StatementMonth[]> {
  const clientId = client.id;
  const { cm, closed, invoiceIds, billed, fees, review } = await asUser(claims, async (tx) => ({
    cm: await clientMonth(tx, client, now),
    review: await monthReviews(tx, client, localDate(now, client.timezone), claims.sub),
    closed: new Set((await closedMonths(tx, { clientId })).map((c) => c.month)),
    invoiceIds: seesMoney ? new Map((await listInvoices(tx, { clientId })).map((i) => [i.month, i.id])) : new Map<string, string>(),
    billed: seesMoney ? new Map((await billedByMonth(tx, { clientId })).map((b) => [b.month, b.cents])) : new Map<string, number>(),
    fees: seesMoney ? new Map((await billedFees(tx, { clientId })).map((f) => [f.month, f])) : new Map<string, Awaited<ReturnType<typeof billedFees>>[number]>(),
  }));
  const feeNote = (s: MonthStatement): string | null => {
    if (!seesMoney) return null;
    const fee = fees.get(s.month);
    if (fee && fee.invoiceMonth < s.month) {
      return `Fee invoiced in advance${fee.number ? ` on ${fee.number}` : ""}, with the close of ${formatMonth(fee.invoiceMonth)}.`;
    }
    // The month in progress of an advance client whose previous month is not closed yet: its close carries the fee.
    if (!fee && cm.billing.timing === "advance" && s.month >= cm.currentMonth) return `Fee to be invoiced in advance, with the close of ${formatMonth(addMonths(s.month, -1))}.`;
    return null;
  };
  const reviewUntil = (m: string) => (review(m).open ? review(m).closesOn : null);
  const invoiceOn = new Map(awaitingInvoice(cm.history, cm.currentMonth, cm.today, closed, reviewUntil).map((a) => [a.month, a.invoiceOn]));
  return [...cm.history].reverse().map((s) => ({
    statement: s,
    phase: monthPhase(s.month, cm.currentMonth, closed),
    invoiceId: invoiceIds.get(s.month) ?? null,
    invoiceOn: invoiceOn.get(s.month) ?? null,
    billedCents: billed.get(s.month) ?? null,
    proration: prorationSaying(s),
    feeNote: feeNote(s),
    review: invoiceOn.has(s.month) ? review(s.month) : null,
  }));
}

/** The month in progress: what would roll over, stay behind or expire if no more hours were used. */
export function ifUnused(s: MonthStatement): string {
  if (s.terms.rolloverCapMinutes === 0) return s.remainingMinutes > 0 ? "Unused hours don't roll over on this retainer." : "Nothing is left to roll over.";
  const next = formatMonth(addMonths(s.month, 1));
  const parts = [
    s.rolloverEarnedMinutes > 0 ? `${formatMinutes(s.rolloverEarnedMinutes)} would roll over into ${next}` : null,
    s.forfeitedMinutes > 0 ? `${formatMinutes(s.forfeitedMinutes)} above the rollover cap would not carry` : null,
    s.expiredMinutes > 0 ? `${formatMinutes(s.expiredMinutes)} of earlier rollover would expire` : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return "If unused by month end: nothing would roll over or expire.";
  return `If unused by month end: ${parts.join(", ")}.`;
}

/**
 * One month's statement as its PDF prints it (the statements page's card for that month): 404 for a month
 * the client has no statement for. Amounts only for those who see money, exactly as on the page.
 */
export async function viewStatement(access: ClientPage, month: string, now: Date) {
  const m = (await viewStatements(access, now)).find((s) => s.statement.month === month);
  if (!m) notFound();
  const { practice, invoiceNumber } = await asUser(access.claims, async (tx) => ({
    practice: found(await getPracticeSettings(tx), "The practice settings"),
    invoiceNumber: m.invoiceId ? (await listInvoices(tx, { clientId: access.client.id })).find((i) => i.id === m.invoiceId)?.number ?? null : null,
  }));
  return {
    ...m, client: access.client, seesMoney: access.seesMoney, practice: { name: practice.name, address: practice.address, invoiceEmail: practice.invoiceEmail },
    invoiceNumber, ifUnused: m.phase === "in_progress" ? ifUnused(m.statement) : null, today: localDate(now, access.client.timezone),
  };
}

export type StatementView = Awaited<ReturnType<typeof viewStatement>>;
