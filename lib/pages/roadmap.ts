// A client's roadmap page: the plan as a board (by status) or a timeline (by target month), the planned
// work against the month's included hours, and the dropped items apart. Dates follow the client's calendar.
import { asUser } from "@/lib/db";
import { listItems } from "@/lib/db/roadmap";
import { listTerms } from "@/lib/db/terms";
import { localDate, monthOf, type LocalDate } from "@/lib/domain/dates";
import { termsFor } from "@/lib/domain/retainer";
import { plannedWork, type PlannedWork } from "@/lib/domain/roadmap";
import { timelineGroups } from "@/lib/domain/timeline";
import type { ClientPage } from "@/lib/pages/access";
import type { BoardItem, RoadmapItem } from "@/lib/types/roadmap";

export type RoadmapView = "board" | "timeline";

/** An item with the day it shipped in the client's zone. */
export type DatedItem = RoadmapItem & { shippedOn: LocalDate | null };

export interface RoadmapPageView {
  view: RoadmapView;
  /** The client's today on the app's clock. */
  today: LocalDate;
  work: PlannedWork;
  /** Every item (dropped ones too): none means no roadmap yet. */
  itemCount: number;
  /** The board's cards: every item not dropped. */
  board: BoardItem[];
  /** The items not dropped by target month, earliest first, those without one last. */
  timeline: [month: string, items: DatedItem[]][];
  dropped: RoadmapItem[];
}

export async function viewRoadmap({ claims, client }: Pick<ClientPage, "claims" | "client">, searchParams: { view?: string }, now: Date): Promise<RoadmapPageView> {
  const view: RoadmapView = searchParams.view === "timeline" ? "timeline" : "board";
  const [items, terms] = await asUser(claims, (tx) => Promise.all([listItems(tx, { clientId: client.id }), listTerms(tx, { clientId: client.id })]));
  // The client's today on the app's clock: flags and the month's terms follow the client's calendar.
  const today = localDate(now, client.timezone);
  const live: DatedItem[] = items
    .filter((i) => i.status !== "dropped")
    .map((i) => ({ ...i, shippedOn: i.shippedAt ? localDate(i.shippedAt, client.timezone) : null }));
  return {
    view,
    today,
    work: plannedWork(items, termsFor(terms, monthOf(today))?.includedMinutes ?? null),
    itemCount: items.length,
    board: live.map((i) => ({
      id: i.id, title: i.title, status: i.status, position: i.position, targetMonth: i.targetMonth, estimateMinutes: i.estimateMinutes,
      actualMinutes: i.actualMinutes, shippedOn: i.shippedOn, commentCount: i.commentCount, proposedByName: i.proposedByName,
    })),
    timeline: timelineGroups(live),
    dropped: items.filter((i) => i.status === "dropped"),
  };
}
