// A client's past months: every month's statement, newest first, each with its phase (in progress, awaiting
// its invoice, closed), the day an ended month will be invoiced and, for those who see money, its invoice.
import { asUser } from "@/lib/db";
import { billedByMonth, listInvoices } from "@/lib/db/invoices";
import { closedMonths } from "@/lib/db/periods";
import type { LocalDate } from "@/lib/domain/dates";
import { awaitingInvoice, monthPhase, type MonthPhase } from "@/lib/domain/month-phase";
import type { MonthStatement } from "@/lib/domain/retainer";
import { clientMonth } from "@/lib/hours/month";
import type { ClientPage } from "@/lib/pages/access";

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
}

/** Newest first; empty before the first month of the retainer terms. */
export async function viewStatements({ claims, client, seesMoney }: ClientPage, now: Date): Promise<StatementMonth[]> {
  const clientId = client.id;
  const { cm, closed, invoiceIds, billed } = await asUser(claims, async (tx) => ({
    cm: await clientMonth(tx, client, now),
    closed: new Set((await closedMonths(tx, { clientId })).map((c) => c.month)),
    invoiceIds: seesMoney ? new Map((await listInvoices(tx, { clientId })).map((i) => [i.month, i.id])) : new Map<string, string>(),
    billed: seesMoney ? new Map((await billedByMonth(tx, { clientId })).map((b) => [b.month, b.cents])) : new Map<string, number>(),
  }));
  const invoiceOn = new Map(awaitingInvoice(cm.history, cm.currentMonth, cm.today, closed).map((a) => [a.month, a.invoiceOn]));
  return [...cm.history].reverse().map((s) => ({
    statement: s,
    phase: monthPhase(s.month, cm.currentMonth, closed),
    invoiceId: invoiceIds.get(s.month) ?? null,
    invoiceOn: invoiceOn.get(s.month) ?? null,
    billedCents: billed.get(s.month) ?? null,
  }));
}
