// The billing page's data: months that have ended, previewed as the statement they will bill; the invoices
// issued so far (and those the last close just issued); for admins, the scheduled jobs' last runs.
import type { Session } from "@/lib/auth/session";
import { dueForStaff } from "@/lib/billing/due";
import { draftInvoice, linesSaying, type InvoiceDraft } from "@/lib/billing/draft";
import { issuedIds, justIssued } from "@/lib/billing/issued";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { asUser, type Tx } from "@/lib/db";
import { getClient, listClients } from "@/lib/db/clients";
import { recentInvoices } from "@/lib/db/invoices";
import { latestJobRuns, type JobRunRow } from "@/lib/db/job-runs";
import { localDate, type Month } from "@/lib/domain/dates";
import { displayStatus, type InvoiceDisplayStatus } from "@/lib/domain/invoice-status";
import type { MonthStatement } from "@/lib/domain/retainer";
import { found } from "@/lib/platform/errors";
import type { ClientRow } from "@/lib/types/clients";
import type { Viewer } from "@/lib/types/viewer";
import type { MonthReview } from "@/lib/types/reviews";
import { monthReviews } from "@/lib/reviews/months";

export type { JobRunRow };

/** An ended month not billed yet, as closing it would bill it (null without terms for the month). */
export interface ClosePreview {
  client: ClientRow;
  month: Month;
  statement: MonthStatement | null;
  /** The invoice the close would issue: its own lines plus adjustments of earlier months. */
  draft: InvoiceDraft | null;
  /** Which month each of its own lines is for ("Fee for January 2026 (in advance) · Overage of December 2026"). */
  bills: string;
  /** The owners' review of the month (issue 23) when the practice has a review window; null without one. */
  review: MonthReview | null;
}

/** An invoice as the billing page lists it, with what it reads as on its client's day ("Overdue"). */
export type BillingInvoice = Awaited<ReturnType<typeof recentInvoices>>[number] & { displayStatus: InvoiceDisplayStatus };

export interface BillingView {
  viewer: Viewer;
  previews: ClosePreview[];
  /** The newest invoices, under the caller's RLS. */
  invoices: BillingInvoice[];
  /** Among them, those the close that redirected here just issued. */
  issued: BillingInvoice[];
  /** How many clients the engineer has, only when they have nothing to close (for the empty state); else null. */
  clientCount: number | null;
  /** The scheduled jobs' latest runs, for admins; null for engineers. */
  jobs: (JobRunRow & { lastOkAt: Date | null })[] | null;
  /** Whether invoices go through Stripe (a key is set) or are numbered locally. */
  stripe: boolean;
}

export async function viewBilling({ claims, viewer }: Session, searchParams: { issued?: string }, now: Date): Promise<BillingView> {
  const ids = issuedIds(searchParams.issued);
  const { previews, invoices, clientCount, jobs } = await asUser(claims, async (tx) => {
    const due = await dueForStaff(tx, now);
    return {
      // Only an engineer with nothing to close needs telling whether they have any client at all.
      clientCount: due.length === 0 && viewer.staffRole !== "admin" ? (await listClients(tx)).length : null,
      jobs: viewer.staffRole === "admin" ? await latestJobRuns(tx) : null,
      previews: await closePreviews(tx, due, now),
      invoices: (await recentInvoices(tx, { limit: 40 })).map((i) => ({ ...i, displayStatus: displayStatus(i, localDate(now, i.clientTimezone)) })),
    };
  });
  return { viewer, previews, invoices, issued: justIssued(invoices, ids), clientCount, jobs, stripe: Boolean(stripeConfigFromEnv()) };
}

/**
 * Each due month previewed as the invoice its close would issue. Adjustments of earlier months go on the
 * client's oldest due month only: closing it settles them before the next one is closed.
 */
export async function closePreviews(tx: Tx, due: { clientId: string; month: Month }[], now: Date): Promise<ClosePreview[]> {
  const oldest = new Map<string, Month>();
  for (const d of due) if (!oldest.has(d.clientId) || d.month < oldest.get(d.clientId)!) oldest.set(d.clientId, d.month);
  // The owners' reviews first, one client at a time (each switches roles for a moment: nothing may run beside it).
  const clients = new Map<string, ClientRow>();
  const reviews = new Map<string, Awaited<ReturnType<typeof monthReviews>>>();
  for (const clientId of oldest.keys()) {
    const client = found(await getClient(tx, { clientId }), "That client");
    clients.set(clientId, client);
    reviews.set(clientId, await monthReviews(tx, client, localDate(now, client.timezone), ""));
  }
  return Promise.all(due.map(async (d) => {
    const client = clients.get(d.clientId)!;
    const draft = await draftInvoice(tx, client, d.month, now, { adjust: oldest.get(d.clientId) === d.month });
    const review = draft?.statement ? reviews.get(d.clientId)!(d.month) : null;
    return {
      client, month: d.month, statement: draft?.statement ?? null, draft, bills: draft ? linesSaying(draft.lines, d.month) : "",
      review: review && review.reviewDays > 0 ? review : null,
    };
  }));
}
