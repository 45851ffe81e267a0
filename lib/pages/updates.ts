// The weekly updates page's data: one page of published updates (newest first) with their facts read once
// (lib/domain/update-facts) and their comments, and for staff the drafts and the weeks they may draft.
import { claudeDrafts } from "@/lib/ai/config";
import { asUser } from "@/lib/db";
import { listUpdateComments, type UpdateCommentRow } from "@/lib/db/update-comments";
import { listUpdates, type WeeklyUpdateRow } from "@/lib/db/updates";
import { addDays, type LocalDate } from "@/lib/domain/dates";
import { listExtraHours } from "@/lib/db/extra-hours";
import { factEntriesById, factsMonth, shownFacts, type FactEntry, type ShownFacts } from "@/lib/domain/update-facts";
import { PACE_RISK } from "@/lib/updates/render";
import type { ExtraHoursRow } from "@/lib/types/extra-hours";
import { currentWeekStart } from "@/lib/domain/weekly";
import type { ClientPage } from "@/lib/pages/access";
import { pageSchema } from "@/lib/schemas/fields";

export type { WeeklyUpdateRow };

export const UPDATES_PER_PAGE = 10;

export interface PublishedUpdate {
  update: WeeklyUpdateRow;
  facts: ShownFacts;
  /** The week's entries by id, for the entries each highlight cites. */
  entriesById: Map<string, FactEntry>;
  /** Comments on it, oldest first (written on the page or by replying to its email). */
  comments: UpdateCommentRow[];
  /**
   * When the update warns that the month is on pace to go past its hours: that month, and the extra hours asked
   * for it (the owners decide beside the warning, issue 23).
   */
  pace: { month: string; requests: ExtraHoursRow[] } | null;
}

export interface UpdatesView {
  /** The page number asked for (1 for anything that is not one). */
  page: number;
  published: PublishedUpdate[];
  /** There are older updates past this page. */
  older: boolean;
  /** Staff only: the drafts (empty for the client's people). */
  drafts: WeeklyUpdateRow[];
  /** The Mondays of this week and the three before, newest first, to draft for. */
  weeks: LocalDate[];
  /** Claude drafts (a key is set and the owners allow it); otherwise the template does. */
  aiReady: boolean;
}

export async function viewUpdates({ claims, client, isStaff }: Pick<ClientPage, "claims" | "client" | "isStaff">, searchParams: { page?: unknown }, now: Date): Promise<UpdatesView> {
  const page = pageSchema.parse(searchParams.page);
  const { rows, drafts, comments, requests } = await asUser(claims, async (tx) => {
    const rows = await listUpdates(tx, { clientId: client.id, status: "published", limit: UPDATES_PER_PAGE + 1, offset: (page - 1) * UPDATES_PER_PAGE });
    return {
      rows,
      drafts: isStaff ? await listUpdates(tx, { clientId: client.id, status: "draft" }) : [],
      comments: await listUpdateComments(tx, { clientId: client.id, updateIds: rows.slice(0, UPDATES_PER_PAGE).map((r) => r.id) }),
      requests: rows.some((r) => r.bodyMd.includes(PACE_RISK)) ? await listExtraHours(tx, { clientId: client.id }) : [],
    };
  });
  const thisWeek = currentWeekStart(now, client.timezone);
  return {
    page,
    published: rows.slice(0, UPDATES_PER_PAGE).map((update) => {
      const facts = shownFacts(update.facts);
      const month = update.bodyMd.includes(PACE_RISK) ? factsMonth(update.facts) : null;
      return {
        update, facts, entriesById: factEntriesById(facts), comments: comments.filter((c) => c.updateId === update.id),
        pace: month ? { month, requests: requests.filter((r) => r.month === month && r.status !== "withdrawn") } : null,
      };
    }),
    older: rows.length > UPDATES_PER_PAGE,
    drafts,
    weeks: [0, 1, 2, 3].map((n) => addDays(thisWeek, -7 * n)),
    aiReady: claudeDrafts(client),
  };
}
