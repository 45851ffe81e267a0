// The reminder ladder (issue 27): the practice sets days after the due date (3, 7, 14); an open invoice whose
// age past its due date (the client's calendar day, lib/domain/dates) has reached a rung not sent yet gets one
// reminder for it. A late run (the cron missed days) sends only the highest rung reached, never the missed
// ones below it, and no rung is ever sent after a higher one (a ladder changed since counts from there).
import { addDays, daysBetween, type LocalDate } from "@/lib/domain/dates";
import type { InvoiceStatus } from "@/lib/domain/invoice-status";

export const MAX_REMINDER_RUNGS = 6;
export const MAX_REMINDER_DAYS = 365;
export const DEFAULT_REMINDER_DAYS = [3, 7, 14] as const;

/** The practice's reminder settings (practice_settings). */
export interface ReminderSettings {
  /** Days after the due date, ascending, each once; empty: no reminders. */
  reminderDays: number[];
  /** Stripe sends its own reminders: the portal sends none for Stripe invoices. */
  stripeSendsReminders: boolean;
}

/**
 * Whether the portal reminds about this invoice at all: open (not a draft, paid, void or uncollectible), with a
 * due date, and not a Stripe invoice while Stripe sends its own reminders (nobody gets both).
 */
export function remindable(invoice: { status: InvoiceStatus; dueDate: LocalDate | null; stripeInvoiceId: string | null }, settings: ReminderSettings): boolean {
  if (invoice.status !== "open" || invoice.dueDate === null) return false;
  return !(invoice.stripeInvoiceId !== null && settings.stripeSendsReminders);
}

const ladderOf = (days: readonly number[]) => [...new Set(days)].filter((d) => Number.isInteger(d) && d >= 1 && d <= MAX_REMINDER_DAYS).sort((a, b) => a - b);

/**
 * The rung due today: the highest rung of the ladder that the invoice's age past due has reached, when it is
 * above every rung already sent; null when none is. `today` is the client's calendar day.
 */
export function dueRung(o: { ladder: readonly number[]; dueDate: LocalDate; today: LocalDate; sent: readonly number[] }): { rung: number; daysOverdue: number } | null {
  const daysOverdue = daysBetween(o.dueDate, o.today);
  const highestSent = Math.max(0, ...o.sent);
  const reached = ladderOf(o.ladder).filter((r) => r <= daysOverdue);
  const rung = reached.at(-1);
  return rung !== undefined && rung > highestSent ? { rung, daysOverdue } : null;
}

/**
 * The next reminder the invoice will get while it stays unpaid: the rung due now (`on` today, sent by the next
 * run) or the next one above both the age and every rung sent, on its day; null when the ladder is done.
 */
export function nextReminder(o: { ladder: readonly number[]; dueDate: LocalDate; today: LocalDate; sent: readonly number[] }): { rung: number; on: LocalDate } | null {
  const due = dueRung(o);
  if (due) return { rung: due.rung, on: o.today };
  const after = Math.max(0, daysBetween(o.dueDate, o.today), ...o.sent);
  const rung = ladderOf(o.ladder).find((r) => r > after);
  return rung === undefined ? null : { rung, on: addDays(o.dueDate, rung) };
}
