// The engineer's week (issue 25, /week): seven days from Monday in the engineer's own zone, one row per client
// and roadmap item they logged time for, one cell per day with that day's sum (each entry keeps its client's
// local date: a cell is the entries dated that day). Each row shows the client's hours left this month; cells of
// a closed month, or of a day that has not begun in the client's zone, are read-only with the reason. Last
// week's rows are offered for "Copy last week's rows".
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { clientDataVersions, listClients } from "@/lib/db/clients";
import { openRoadmapItems } from "@/lib/db/roadmap";
import { closedMonthsOf, weekCells } from "@/lib/db/week";
import { workPreferencesOf } from "@/lib/db/users";
import { addDays, daysBetween, isLocalDate, localDate, monthOf, weekStartOn, type LocalDate } from "@/lib/domain/dates";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";
import { clientMonths } from "@/lib/hours/month";
import { cachedPageData } from "@/lib/pages/cache";
import type { WeekCell, WeekCellRow, WeekClient, WeekRow, WeekView } from "@/lib/types/week";

export type { WeekView };


/** Monday, Saturday or Sunday as lib/domain/dates counts weekdays (0 = Monday). */
const FIRST_DAY = { monday: 0, saturday: 5, sunday: 6 } as const;

const rowKey = (clientId: string, itemId: string | null) => `${clientId}:${itemId ?? ""}`;

export async function viewWeek({ claims, viewer }: Session, params: { start?: string | string[] }, now: Date): Promise<WeekView> {
  const zone = viewer.timezone ?? "UTC";
  const today = localDate(now, zone);
  // Any date within ten years of today names its week; anything else (a malformed or far date) is this week.
  const asked = typeof params.start === "string" && isLocalDate(params.start) && Math.abs(daysBetween(today, params.start)) <= 3653 ? params.start : today;
  const { clients, items, cells, last, months, closed, start, prefs } = await asUser(claims, async (tx) => {
    const [clients, prefs] = await Promise.all([listClients(tx), workPreferencesOf(tx, { userId: viewer.userId })]);
    const start = weekStartOn(asked, FIRST_DAY[prefs.weekStart]);
    const dates = Array.from({ length: 7 }, (_, i) => addDays(start, i));
    const ids = clients.map((c) => c.id);
    const [items, cells, last, versions, closed] = await Promise.all([
      openRoadmapItems(tx, { clientIds: ids }),
      weekCells(tx, { engineerId: viewer.userId, from: dates[0], to: dates[6] }),
      weekCells(tx, { engineerId: viewer.userId, from: addDays(start, -7), to: addDays(start, -1) }),
      clientDataVersions(tx, { clientIds: ids }),
      closedMonthsOf(tx, { clientIds: ids, months: [...new Set(dates.map(monthOf))] }),
    ]);
    // Each client's hours left this month: the retainer math over its history, kept per person, client, data
    // version and the client's day (lib/pages/cache), so a week page costs it once per change, not per view.
    const months = await Promise.all(clients.map((c) => cachedPageData(
      ["week-left", viewer.userId, c.id, versions.get(c.id) ?? 0, localDate(now, c.timezone)],
      async () => (await clientMonths(tx, [c], now))[0]?.statement?.remainingMinutes ?? null,
    )));
    return { clients, items, cells, last, months, closed, start, prefs };
  });
  const dates = Array.from({ length: 7 }, (_, i) => addDays(start, i));

  const weekClients: WeekClient[] = clients.map((c, i) => {
    const clientToday = localDate(now, c.timezone);
    const locked: Record<LocalDate, string> = {};
    for (const d of dates) {
      if (closed.has(`${c.id}:${monthOf(d)}`)) locked[d] = `${formatMonth(monthOf(d))} is closed for ${c.name}: record a correction in its ledger.`;
      else if (d > clientToday) locked[d] = `${formatDate(d, { weekday: "short", month: "short", day: "numeric" })} has not begun in ${c.name}'s time zone yet.`;
    }
    const left = months[i];
    return {
      id: c.id, name: c.name, today: clientToday, locked,
      items: items.filter((it) => it.clientId === c.id).map(({ id, title }) => ({ id, title })),
      remaining: left === null ? null : left >= 0 ? `${formatMinutes(left)} left this month` : `${formatMinutes(-left)} over this month`,
    };
  });
  const byId = new Map(weekClients.map((c) => [c.id, c]));

  const grouped = new Map<string, WeekCellRow[]>();
  for (const cell of cells) {
    if (!byId.has(cell.clientId)) continue; // an archived client's entries are in its ledger, not on the grid
    const key = rowKey(cell.clientId, cell.itemId);
    grouped.set(key, [...(grouped.get(key) ?? []), cell]);
  }
  const rows: WeekRow[] = [...grouped.entries()].map(([key, list]) => {
    const client = byId.get(list[0].clientId)!;
    const cellsOfRow: WeekCell[] = dates.map((date) => {
      const c = list.find((x) => x.workDate === date);
      return {
        date, minutes: c?.minutes ?? 0, entries: c?.entries ?? 0,
        entry: c?.entryId ? { id: c.entryId, description: c.description!, category: c.category!, billable: c.billable! } : null,
      };
    });
    return {
      key, clientId: client.id, clientName: client.name, itemId: list[0].itemId, itemTitle: list[0].itemTitle, remaining: client.remaining,
      cells: cellsOfRow, total: cellsOfRow.reduce((a, c) => a + c.minutes, 0),
    };
  }).sort((a, b) => a.clientName.localeCompare(b.clientName) || (a.itemTitle ?? "").localeCompare(b.itemTitle ?? ""));

  const dayTotals = dates.map((_, i) => rows.reduce((a, r) => a + r.cells[i].minutes, 0));
  const lastWeek = [...new Map(last.filter((c) => byId.has(c.clientId) && !grouped.has(rowKey(c.clientId, c.itemId)))
    .map((c) => [rowKey(c.clientId, c.itemId), { clientId: c.clientId, itemId: c.itemId }])).values()];
  return {
    zone, today, start, previous: addDays(start, -7), next: addDays(start, 7),
    days: dates.map((date) => ({ date, label: formatDate(date, { weekday: "short", day: "numeric" }), isToday: date === today })),
    rows, dayTotals, weekTotal: dayTotals.reduce((a, b) => a + b, 0), clients: weekClients, lastWeek, defaultCategory: prefs.defaultCategory,
  };
}
