// The owner dashboard's data, loaded in one transaction and cached per person, client, data version and day
// (lib/pages/cache). Rendered by components/clients/overview; the benchmark's twins render a saved copy.
import { awaitingWithAdjustments } from "@/lib/billing/draft";
import { asUser, type Tx } from "@/lib/db";
import { latestEntries } from "@/lib/db/entries";
import { openExtraHoursFor } from "@/lib/db/extra-hours";
import { closedMonths } from "@/lib/db/periods";
import { latestPublishedUpdate } from "@/lib/db/updates";
import { minutesBy } from "@/lib/db/usage";
import { localDate, monthOf } from "@/lib/domain/dates";
import { awaitingInvoice } from "@/lib/domain/month-phase";
import { clientMonth } from "@/lib/hours/month";
import type { ClientPage } from "@/lib/pages/access";
import { reviewUntilOf } from "@/lib/reviews/months";
import { cachedPageData } from "@/lib/pages/cache";
import type { ClientRef } from "@/lib/types/clients";
import type { OverviewData } from "@/lib/types/pages";

/** The dashboard's data for this viewer, from the cache while the client's data version and day hold. */
export function viewOverview({ claims, client, dataVersion }: Pick<ClientPage, "claims" | "client" | "dataVersion">, now: Date): Promise<OverviewData> {
  const key = ["overview", claims.sub, client.id, dataVersion, localDate(now, client.timezone)];
  return cachedPageData(key, () => asUser(claims, (tx) => overviewData(tx, client, now)));
}

/**
 * The client's current month: statement, forecast, burn-up, where the hours went, latest entries and update,
 * the ended months still waiting for their invoice, and the extra hours waiting for an owner's decision. The
 * month's reads go out together (the month is the client's today's, known before any of them answers); the owners'
 * review follows alone (it switches roles), then what the waiting invoices will ask for.
 */
export async function overviewData(tx: Tx, client: ClientRef, now: Date): Promise<OverviewData> {
  const month = monthOf(localDate(now, client.timezone));
  const [cm, byCategory, byItem, entries, update, closed, openExtraHours] = await Promise.all([
    clientMonth(tx, client, now),
    minutesBy(tx, { clientId: client.id, month, by: "category" }),
    minutesBy(tx, { clientId: client.id, month, by: "roadmap" }),
    latestEntries(tx, { clientId: client.id, limit: 8 }),
    latestPublishedUpdate(tx, { clientId: client.id }),
    closedMonths(tx, { clientId: client.id }),
    openExtraHoursFor(tx, { clientIds: [client.id] }),
  ]);
  const reviewUntil = await reviewUntilOf(tx, client, cm.today);
  const awaiting = await awaitingWithAdjustments(tx, client.id, cm, awaitingInvoice(cm.history, cm.currentMonth, cm.today, new Set(closed.map((c) => c.month)), reviewUntil));
  return { cm, byCategory, byItem, entries, update, awaiting, openExtraHours };
}
