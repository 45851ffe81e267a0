// A client's month as the retainer math sees it: statement, forecast and burn-up, for one client or many, from
// its terms, its entries, the extra hours its owners approved, and how it is billed (its start date and the
// practice's first-month choice).
import type { Tx } from "@/lib/db";
import { billingStartsFor } from "@/lib/db/clients";
import { approvedExtrasFor } from "@/lib/db/extra-hours";
import { listTermsFor } from "@/lib/db/terms";
import { dailyUsageFor, monthlyUsageFor } from "@/lib/db/usage";
import { addMonths, localDate, monthOf, type Month } from "@/lib/domain/dates";
import { burnUp, forecastMonth } from "@/lib/domain/forecast";
import { computeStatements } from "@/lib/domain/retainer";
import type { ClientRef } from "@/lib/types/clients";
import type { ClientMonth } from "@/lib/types/hours";

/** A client's month (the current one by default) with its statement, forecast and burn-up. */
export async function clientMonth(tx: Tx, client: ClientRef, now: Date, month?: Month): Promise<ClientMonth> {
  return (await clientMonths(tx, [client], now, month))[0];
}

/**
 * The same for several clients in five queries (terms, monthly sums, daily sums, billing, approved extras), whatever their number:
 * the engineer home shows every client at once.
 */
export async function clientMonths(tx: Tx, clients: ClientRef[], now: Date, month?: Month): Promise<ClientMonth[]> {
  if (clients.length === 0) return []; // an empty practice: nothing to read, and no first or last month
  const ids = clients.map((c) => c.id);
  const todays = clients.map((c) => localDate(now, c.timezone));
  const months = todays.map((t) => month ?? monthOf(t));
  const first = months.reduce((a, m) => (m < a ? m : a), months[0]);
  const last = months.reduce((a, m) => (m > a ? m : a), months[0]);
  const [terms, usage, daily, billing, extras] = await Promise.all([
    listTermsFor(tx, { clientIds: ids }),
    monthlyUsageFor(tx, { clientIds: ids, through: last }),
    dailyUsageFor(tx, { clientIds: ids, from: first, until: addMonths(last, 1) }),
    billingStartsFor(tx, { clientIds: ids }),
    approvedExtrasFor(tx, { clientIds: ids }),
  ]);
  return clients.map((c, i) => {
    const today = todays[i];
    const m = months[i];
    const t = terms.get(c.id)!;
    const b = billing.get(c.id) ?? { timing: "arrears" as const, start: { startDate: null, firstMonth: "prorate" as const } };
    const history = computeStatements(t, usage.get(c.id)!, m, b.start, extras.get(c.id));
    const statement = history.length && history[history.length - 1].month === m ? history[history.length - 1] : null;
    const days = daily.get(c.id)!.filter((d) => monthOf(d.workDate) === m);
    return {
      today,
      currentMonth: monthOf(today),
      month: m,
      terms: t,
      billing: b,
      history,
      statement,
      forecast: statement ? forecastMonth(statement, days, today) : null,
      burnUp: statement ? burnUp(statement, days, today) : [],
    };
  });
}
