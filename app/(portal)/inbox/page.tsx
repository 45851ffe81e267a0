import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { formatInstant, formatMinutes, formatMonth, plural } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { INBOX_LIMIT, viewInbox } from "@/lib/pages/inbox";
import { needsYouCount, type NeedsYou } from "@/lib/pages/needs-you";
import { clockNow } from "@/lib/platform/clock";
import type { EmailMode, NotificationRow } from "@/lib/types/notifications";
import { markAllNotificationsReadAction, markNotificationReadAction, openNotificationAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

const MODE: Record<EmailMode, string> = {
  immediately: "You get an email for each of these as it happens.",
  daily: "You get one email a day, at 8:00 in your time zone, with what happened since the last.",
  off: "You get no email for these: they wait here.",
};

// GET /inbox — what waits for you (as on the engineer home), then what happened on your clients that concerns you: proposals, comments, questions on entries and
// their answers, requests for extra hours and their decisions, published updates, invoices issued, paid or overdue.
export default async function InboxPage() {
  const { notifications, unread, mode, zone, waiting } = await viewInbox(await authorizePage("signed-in"), clockNow());
  const fresh = notifications.filter((n) => !n.readAt);
  const earlier = notifications.filter((n) => n.readAt);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Inbox"
        description={<>{MODE[mode]} <Link href="/account#notifications" className="font-medium text-brand-700 hover:underline">Change how you are emailed</Link>.</>}
        actions={unread > 0 ? (
          <ActionForm action={markAllNotificationsReadAction} ariaLabel="Mark all read" className="" showSuccess={false}>
            <SubmitButton variant="secondary" pendingLabel="Marking…" ariaLabel={`Mark all read (${unread} unread)`}>Mark all read</SubmitButton>
          </ActionForm>
        ) : undefined}
      />
      {needsYouCount(waiting) > 0 && <div className="mb-6"><NeedsYouList waiting={waiting} /></div>}
      {notifications.length === 0 ? (
        <EmptyState title="Nothing here yet">
          When someone proposes a roadmap item, comments, questions an entry, asks for or decides on extra hours, publishes an update
          or an invoice is issued, paid or overdue, it shows here.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Section id="unread" title={fresh.length ? `Unread (${fresh.length})` : "Unread"}>
            {fresh.length === 0 ? <p className="px-4 py-4 text-sm text-slate-600 sm:px-5">You have read everything.</p> : <List rows={fresh} zone={zone} />}
          </Section>
          {earlier.length > 0 && (
            <Section id="earlier" title="Earlier">
              <List rows={earlier} zone={zone} />
            </Section>
          )}
          {notifications.length === INBOX_LIMIT && <p className="text-sm text-slate-600">Showing the newest {plural(INBOX_LIMIT, "notification")}.</p>}
        </div>
      )}
    </div>
  );
}

/** What waits for them: the same list as the engineer home's "Needs you" (lib/pages/needs-you). */
function NeedsYouList({ waiting: w }: { waiting: NeedsYou }) {
  const items: { key: string; href: string; label: string; meta: string }[] = [
    ...w.decisions.map((r) => ({ key: `d-${r.id}`, href: `/clients/${r.clientId}/extra-hours#r-${r.id}`, label: `Decide on ${formatMinutes(r.minutes)} of extra hours in ${formatMonth(r.month)}`, meta: `${r.clientName} · asked by ${r.requestedByName}` })),
    ...w.due.map((d) => ({ key: `m-${d.clientId}-${d.month}`, href: "/billing", label: `Close ${formatMonth(d.month)}`, meta: d.clientName })),
    ...w.questions.map((q) => ({ key: `q-${q.questionId}`, href: `/clients/${q.clientId}/hours?month=${q.month.slice(0, 7)}#q-${q.questionId}`, label: `Answer a question on “${q.entryDescription}”`, meta: `${q.clientName} · ${q.openedByName}` })),
    ...w.proposals.map((p) => ({ key: `p-${p.itemId}`, href: `/clients/${p.clientId}/roadmap/${p.itemId}`, label: `Decide on the proposal “${p.title}”`, meta: `${p.clientName} · ${p.authorName ?? "the client"}` })),
    ...w.comments.map((c) => ({ key: `c-${c.itemId}`, href: `/clients/${c.clientId}/roadmap/${c.itemId}#comments`, label: `Answer the comment on “${c.title}”`, meta: `${c.clientName} · ${c.authorName ?? "the client"}` })),
  ];
  return (
    <Section id="needs-you" title={`Needs you (${items.length})`}>
      <ul className="divide-y divide-slate-100">
        {items.map((i) => (
          <li key={i.key} className="px-4 py-3 sm:px-5">
            <Link href={i.href} className="break-words text-sm font-medium text-brand-700 hover:underline">{i.label}</Link>
            <p className="mt-0.5 text-xs text-slate-500">{i.meta}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id={`${id}-title`} className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900 sm:px-5">{title}</h2>
      {children}
    </section>
  );
}

function List({ rows, zone }: { rows: NotificationRow[]; zone: string }) {
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((n) => (
        <li key={n.id} id={`n-${n.id}`} className="flex gap-3 px-4 py-3 sm:px-5">
          <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${n.readAt ? "bg-transparent" : "bg-brand-600"}`} />
          <div className="min-w-0 flex-1">
            <ActionForm action={openNotificationAction} className="" showSuccess={false}>
              <input type="hidden" name="notificationId" value={n.id} />
              <button type="submit" className={`text-left text-sm break-words hover:underline ${n.readAt ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                {n.title}
              </button>
            </ActionForm>
            {n.body && <p className="mt-0.5 line-clamp-2 break-words text-sm text-slate-600">{n.body}</p>}
            <p className="mt-0.5 text-xs text-slate-500">
              {n.clientName} · <time dateTime={n.createdAt.toISOString()}>{formatInstant(n.createdAt, zone, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" })}</time>
            </p>
          </div>
          {!n.readAt && (
            <ActionForm action={markNotificationReadAction} className="shrink-0" showSuccess={false}>
              <input type="hidden" name="notificationId" value={n.id} />
              <SubmitButton variant="secondary" pendingLabel="…" ariaLabel={`Mark read: “${n.title}”`}>Mark read</SubmitButton>
            </ActionForm>
          )}
        </li>
      ))}
    </ul>
  );
}
