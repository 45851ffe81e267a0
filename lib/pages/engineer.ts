// The engineer home's data: every client the engineer works for with this month at a glance, most urgent
// first (lib/domain/attention), and what waits for them: months to close, proposals, comments to answer.
import type { Session } from "@/lib/auth/session";
import { dueForStaff } from "@/lib/billing/due";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { openQuestionsFor, type OpenQuestionRow } from "@/lib/db/reviews";
import { awaitingStaff, type AwaitingStaffRow } from "@/lib/db/roadmap";
import { lastEntryDates } from "@/lib/db/usage";
import { rankByAttention, type Attention } from "@/lib/domain/attention";
import type { LocalDate, Month } from "@/lib/domain/dates";
import { clientMonths } from "@/lib/hours/month";
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

/** A proposal or comment thread waiting for the practice, with its client's name and zone (for the date). */
export interface WaitingRow extends AwaitingStaffRow {
  clientName: string;
  zone: string;
}

export interface EngineerView {
  viewer: Viewer;
  /** Active clients, most urgent first. */
  clients: EngineerClient[];
  archived: ClientRow[];
  /** Ended months ready to close, among the active clients. */
  due: { clientId: string; month: Month; clientName: string }[];
  proposals: WaitingRow[];
  comments: WaitingRow[];
  /** Owners' questions on entries still open (issue 23). */
  questions: (OpenQuestionRow & { clientName: string; zone: string })[];
}

export async function viewEngineerHome({ claims, viewer }: Session, now: Date): Promise<EngineerView> {
  const { active, archived, months, lastDates, due, waiting, questions } = await asUser(claims, async (tx) => {
    const all = await listClients(tx, { includeArchived: true });
    const active = all.filter((c) => !c.archivedAt);
    const ids = active.map((c) => c.id);
    const [months, lastDates, due, waiting, questions] = await Promise.all([
      clientMonths(tx, active, now), lastEntryDates(tx, { clientIds: ids }), dueForStaff(tx, now), awaitingStaff(tx, { clientIds: ids }),
      openQuestionsFor(tx, { clientIds: ids }),
    ]);
    return { active, archived: all.filter((c) => c.archivedAt), months, lastDates, due, waiting, questions };
  });
  const byId = new Map(active.map((c) => [c.id, c]));
  const withClient = (w: AwaitingStaffRow): WaitingRow => ({ ...w, clientName: byId.get(w.clientId)?.name ?? "A client", zone: byId.get(w.clientId)?.timezone ?? "UTC" });
  return {
    viewer,
    clients: rankByAttention(active, months).map((r) => ({ ...r, lastEntry: lastDates.get(r.client.id) ?? null })),
    archived,
    due: due.filter((d) => byId.has(d.clientId)).map((d) => ({ ...d, clientName: byId.get(d.clientId)!.name })),
    proposals: waiting.filter((w) => w.kind === "proposal").map(withClient),
    comments: waiting.filter((w) => w.kind === "comment").map(withClient),
    questions: questions.map((q) => ({ ...q, clientName: byId.get(q.clientId)?.name ?? "A client", zone: byId.get(q.clientId)?.timezone ?? "UTC" })),
  };
}
