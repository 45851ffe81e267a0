import type { Metadata } from "next";
import Link from "next/link";
import { STATUS_LABELS } from "@/components/roadmap/labels";
import { Card, EmptyState } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewActivity, type AuditRow } from "@/lib/pages/activity";
import { formatDate, formatInstant, formatMinutes, formatMonth } from "@/lib/format";

export const metadata: Metadata = { title: "Activity" };

// GET /clients/:clientId/activity — who changed what and when, newest first. Owners and staff only.
export default async function ActivityPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<{ kind?: string }>;
}) {
  const { clientId } = await params;
  const access = await authorizePage("billing", clientId);
  const { client } = access;
  const { kind, kinds: KINDS, events } = await viewActivity(access, await searchParams);

  return (
    <Card title="Activity">
      <nav aria-label="Filter activity" className="mb-4 flex flex-wrap gap-2">
        {KINDS.map((k) => (
          <Link
            key={k.value}
            href={`/clients/${clientId}/activity${k.value ? `?kind=${k.value}` : ""}`}
            aria-current={k.value === kind ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset ${k.value === kind ? "bg-brand-50 text-brand-700 ring-brand-200" : "text-slate-700 ring-slate-200 hover:bg-slate-50"}`}
          >
            {k.label}
          </Link>
        ))}
      </nav>
      {events.length === 0 ? (
        <EmptyState title="Nothing here yet">Changes to hours, terms and people appear here as they happen.</EmptyState>
      ) : (
        <ol className="divide-y divide-slate-100">
          {events.map((e) => (
            <li key={e.id} className="flex flex-col gap-1 py-3 text-sm sm:flex-row sm:justify-between sm:gap-6">
              <div className="min-w-0">
                <p className="text-slate-900"><strong className="font-medium">{actor(e)}</strong> {describe(e)}</p>
                {detail(e)}
              </div>
              <time className="shrink-0 text-xs text-slate-500" dateTime={e.at.toISOString()}>{formatInstant(e.at, client.timezone)}</time>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

interface EntrySnapshot { workDate: string; minutes: number; description: string; category: string; billable: boolean }

/** A handbook page as its audit event names it: its title while it was visible to the client, never an internal one's. */
const pageName = (e: AuditRow) => (e.data.title ? `the handbook page “${String(e.data.title)}”` : "an internal handbook page");

function describe(e: AuditRow): string {
  const after = e.data.after as EntrySnapshot | undefined;
  const before = e.data.before as EntrySnapshot | undefined;
  switch (e.action) {
    case "entry.created": return `logged ${formatMinutes(after!.minutes)} on ${formatDate(after!.workDate)}: “${after!.description}”`;
    case "entry.adjusted": return `recorded a correction of ${formatMinutes(after!.minutes)} on ${formatDate(after!.workDate)}: “${after!.description}”`;
    case "entry.edited": return `edited the entry “${before!.description}”`;
    case "entry.imported": return `imported ${Number(e.data.entries)} ${Number(e.data.entries) === 1 ? "entry" : "entries"} (${formatMinutes(Number(e.data.minutes))}) from “${String(e.data.file)}”`;
    case "entry.voided": return `voided ${formatMinutes(before!.minutes)} on ${formatDate(before!.workDate)} (“${before!.description}”) because: ${String(e.data.reason)}`;
    case "terms.set": return "set the retainer terms";
    case "terms.changed": return "changed the retainer terms";
    case "client.created": return "created the client";
    case "client.updated": return "updated the client's details";
    case "client.archived": return "archived the client";
    case "client.restored": return "restored the client";
    case "member.invited": return `invited ${String(e.data.email)} as ${String(e.data.role)}`;
    case "member.joined": return `joined as ${String(e.data.role)}`;
    case "member.invitation_resent": return `sent the invitation to ${String(e.data.email)} again (as ${String(e.data.role)})`;
    case "member.invitation_revoked": return `withdrew the invitation to ${String(e.data.email)}`;
    case "member.role_changed": return `made ${String(e.data.email)} ${e.data.after === "owner" ? "an owner" : "a member"}`;
    case "member.removed": return `removed ${String(e.data.email)} (${String(e.data.role)})`;
    case "engineer.assigned": return "assigned an engineer";
    case "engineer.unassigned": return "removed an engineer";
    case "month.closed": return `closed ${e.data.month ? formatMonth(String(e.data.month)) : "a month"} and issued ${invoiceName(e)}`;
    case "invoice.issued": return `sent ${invoiceName(e)} through Stripe`;
    case "invoice.paid": return `marked ${invoiceName(e)} paid`;
    case "invoice.stripe_finalized": return `finalized ${invoiceName(e)}`;
    case "invoice.stripe_paid": return `recorded the payment of ${invoiceName(e)}`;
    case "invoice.stripe_payment_failed": return `reported a failed payment attempt on ${invoiceName(e)}`;
    case "invoice.stripe_voided": return `voided ${invoiceName(e)}`;
    case "invoice.stripe_marked_uncollectible": return `marked ${invoiceName(e)} uncollectible`;
    case "update.drafted": return "drafted a weekly update";
    case "update.edited": return "edited a weekly update draft";
    case "update.published": return `published the weekly update “${String(e.data.title ?? "")}”`;
    case "client.ai_drafting_on": return "turned Claude drafting on";
    case "client.ai_drafting_off": return "turned Claude drafting off";
    case "roadmap.created": return `added “${itemTitle(e)}” to the roadmap`;
    case "roadmap.proposed": return `proposed “${itemTitle(e)}”`;
    case "roadmap.accepted": return `accepted the proposal “${itemTitle(e)}”`;
    case "roadmap.moved": return `moved “${itemTitle(e)}” to ${STATUS_LABELS[String((e.data.after as { status?: string } | undefined)?.status)]?.toLowerCase() ?? "another lane"}`;
    case "roadmap.reordered": return `reprioritized “${itemTitle(e)}”`;
    case "roadmap.dropped": return `dropped “${itemTitle(e)}”${e.data.reason ? `: ${String(e.data.reason)}` : ""}`;
    case "roadmap.updated": return `edited “${itemTitle(e)}”`;
    case "roadmap.commented": return `commented on “${itemTitle(e)}”`;
    case "handbook.created": return `wrote ${pageName(e)}`;
    case "handbook.saved": return `saved ${pageName(e)} (version ${String(e.data.version ?? "")})`;
    case "handbook.restored": return `restored version ${String(e.data.restoredFrom ?? "")} of ${pageName(e)}`;
    default: return e.action.replace(/[._]/g, " ");
  }
}

/** The item's title as it is now, else as the event recorded it (an item deleted since). */
const itemTitle = (e: AuditRow) => e.subject ?? String((e.data.after as { title?: string } | undefined)?.title ?? "a roadmap item");

const invoiceName = (e: AuditRow) => e.subject ?? (e.data.number ? String(e.data.number) : "the invoice");

/** Who did it: a person, Stripe (webhooks), or the daily close (cron) for events with no person. */
function actor(e: AuditRow): string {
  if (e.actorName) return e.actorName;
  if (e.action.startsWith("invoice.stripe_")) return "Stripe";
  if (e.action === "month.closed" || e.action === "invoice.issued") return "The monthly close";
  return "Someone no longer here";
}

const FIELD_LABELS: Record<string, string> = { workDate: "Date", minutes: "Time", description: "Description", category: "Category", billable: "Billable", roadmapItemId: "Roadmap item" };

function show(key: string, v: unknown): string {
  if (key === "minutes" && typeof v === "number") return formatMinutes(v);
  if (key === "workDate" && typeof v === "string") return formatDate(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return v === null || v === undefined || v === "" ? "none" : String(v);
}

function detail(e: AuditRow) {
  if (e.action !== "entry.edited" && e.action !== "terms.changed" && e.action !== "client.updated") return null;
  const before = (e.data.before ?? {}) as Record<string, unknown>;
  const after = (e.data.after ?? {}) as Record<string, unknown>;
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) && k in FIELD_LABELS);
  if (changed.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
      {changed.map((k) => (
        <li key={k}>{FIELD_LABELS[k]}: <span className="line-through">{show(k, before[k])}</span> → {show(k, after[k])}</li>
      ))}
    </ul>
  );
}
