// What waits for the signed-in person (issue 23), read once for the engineer home's "Needs you" and the inbox:
// for staff, ended months to close, the client's proposals and comments without an answer, and owners' questions
// on entries; for owners, the requests for extra hours waiting for their decision (never their own). Both pages
// read it here, so they never disagree about what is waiting.
import { dueForStaff } from "@/lib/billing/due";
import type { Tx } from "@/lib/db";
import { openExtraHoursFor } from "@/lib/db/extra-hours";
import { openQuestionsFor, type OpenQuestionRow } from "@/lib/db/reviews";
import { awaitingStaff, type AwaitingStaffRow } from "@/lib/db/roadmap";
import type { Month } from "@/lib/domain/dates";
import type { ClientRow } from "@/lib/types/clients";
import type { ExtraHoursRow } from "@/lib/types/extra-hours";
import type { Viewer } from "@/lib/types/viewer";

/** A proposal or comment thread waiting for the practice, with its client's name and zone (for the date). */
export interface WaitingRow extends AwaitingStaffRow {
  clientName: string;
  zone: string;
}

export interface NeedsYou {
  /** Ended months ready to close (staff), among the given clients. */
  due: { clientId: string; month: Month; clientName: string }[];
  proposals: WaitingRow[];
  comments: WaitingRow[];
  /** Owners' questions on entries still open (staff). */
  questions: (OpenQuestionRow & { clientName: string; zone: string })[];
  /** Requests for extra hours waiting for this owner's decision. */
  decisions: (ExtraHoursRow & { clientName: string })[];
}

export const needsYouCount = (n: NeedsYou) => n.due.length + n.proposals.length + n.comments.length + n.questions.length + n.decisions.length;

/** What waits for `viewer` on these clients (those they may read, under RLS). */
export async function needsYou(tx: Tx, viewer: Viewer, clients: ClientRow[], now: Date): Promise<NeedsYou> {
  const byId = new Map(clients.map((c) => [c.id, c]));
  const ids = clients.map((c) => c.id);
  const owned = viewer.memberships.filter((m) => m.role === "owner" && byId.has(m.clientId)).map((m) => m.clientId);
  const staff = viewer.staffRole !== null;
  const [due, waiting, questions, open] = await Promise.all([
    staff ? dueForStaff(tx, now) : [], staff ? awaitingStaff(tx, { clientIds: ids }) : [] as AwaitingStaffRow[],
    staff ? openQuestionsFor(tx, { clientIds: ids }) : [] as OpenQuestionRow[],
    openExtraHoursFor(tx, { clientIds: owned }),
  ]);
  const named = <T extends { clientId: string }>(r: T) => ({ ...r, clientName: byId.get(r.clientId)?.name ?? "A client", zone: byId.get(r.clientId)?.timezone ?? "UTC" });
  return {
    due: due.filter((d) => byId.has(d.clientId)).map((d) => ({ ...d, clientName: byId.get(d.clientId)!.name })),
    proposals: waiting.filter((w) => w.kind === "proposal").map(named),
    comments: waiting.filter((w) => w.kind === "comment").map(named),
    questions: questions.map(named),
    decisions: open.filter((r) => r.requestedBy !== viewer.userId).map((r) => ({ ...r, clientName: byId.get(r.clientId)?.name ?? "A client" })),
  };
}
