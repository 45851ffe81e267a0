// The reminder ladder on an invoice (issue 27): "Reminders sent: 3 days (Dec 4), 7 days (Dec 8) · Next reminder:
// Dec 15 (14 days)", or that Stripe sends them; nothing when there is nothing to say.
import { formatDate } from "@/lib/format";

const day = (d: string) => formatDate(d, { month: "short", day: "numeric" });
const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

export function InvoiceReminders({ reminders }: {
  /** `today`: the client's day, so the next reminder can read "today". */
  reminders: { today: string; sent: { rungDays: number; on: string }[]; next: { rung: number; on: string } | null; byStripe: boolean };
}) {
  const parts = [
    reminders.sent.length > 0 && `Reminders sent: ${reminders.sent.map((r) => `${days(r.rungDays)} (${day(r.on)})`).join(", ")}`,
    reminders.next && `Next reminder: ${reminders.next.on === reminders.today ? "today" : day(reminders.next.on)} (${days(reminders.next.rung)} overdue)`,
    reminders.byStripe && "Stripe sends the reminders for this invoice",
  ].filter(Boolean);
  return parts.length ? <p className="mt-0.5 text-sm text-slate-600">{parts.join(" · ")}.</p> : null;
}
