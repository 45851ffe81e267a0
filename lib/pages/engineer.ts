// The engineer home's data: every client the engineer works for with this month at a glance, most urgent
// first (lib/domain/attention), and what waits for them: months to close, proposals, comments to answer.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { lastEntryDates } from "@/lib/db/usage";
import { rankByAttention, type Attention } from "@/lib/domain/attention";
import type { LocalDate } from "@/lib/domain/dates";
import { clientMonths } from "@/lib/hours/month";
import { needsYou, type NeedsYou, type WaitingRow } from "@/lib/pages/needs-you";
import type { ClientRow } from "@/lib/types/clients";
import type { ClientMonth } from "@/lib/types/hours";
import type { Viewer } from "@/lib/types/viewer";

export interface EngineerClient {
  client: ClientRow;
  cm: ClientMonth;
  attention: Attention;
  /** The client's latest entry date, if any. */
  lastEntry: LocalDate | null;
}

export type { WaitingRow };

export interface EngineerView {
  viewer: Viewer;
  /** Active clients, most urgent first. */
  clients: EngineerClient[];
  archived: ClientRow[];
  /** Ended months ready to close, among the active clients. */
  due: NeedsYou["due"];
  proposals: WaitingRow[];
  comments: WaitingRow[];
  /** Owners' questions on entries still open (issue 23). */
  questions: NeedsYou["questions"];
}

export async function viewEngineerHome({ claims, viewer }: Session, now: Date): Promise<EngineerView> {
  const { active, archived, months, lastDates, waiting } = await asUser(claims, async (tx) => {
    const all = await listClients(tx, { includeArchived: true });
    const active = all.filter((c) => !c.archivedAt);
    const ids = active.map((c) => c.id);
    const [months, lastDates, waiting] = await Promise.all([
      clientMonths(tx, active, now), lastEntryDates(tx, { clientIds: ids }), needsYou(tx, viewer, active, now),
    ]);
    return { active, archived: all.filter((c) => c.archivedAt), months, lastDates, waiting };
  });
  return {
    viewer,
    clients: rankByAttention(active, months).map((r) => ({ ...r, lastEntry: lastDates.get(r.client.id) ?? null })),
    archived,
    due: waiting.due,
    proposals: waiting.proposals,
    comments: waiting.comments,
    questions: waiting.questions,
  };
}
