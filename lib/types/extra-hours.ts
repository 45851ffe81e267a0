// Extra hours approved in advance (issue 23), as pages and components see a request (types only).
import type { LocalDate } from "@/lib/types/dates";

export type ExtraHoursStatus = "open" | "approved" | "declined" | "withdrawn" | "lapsed";

export interface ExtraHoursRow {
  id: string;
  clientId: string;
  /** The month the hours are for (its 1st, client zone). */
  month: LocalDate;
  minutes: number;
  roadmapItemId: string | null;
  roadmapTitle: string | null;
  reason: string;
  /** A quoted price for the whole block; null: the overage rate (or a reader who sees no money). */
  quotedCents: number | null;
  status: ExtraHoursStatus;
  requestedBy: string;
  requestedByName: string;
  /** Null when the reader may not see who asked (their profile is not visible to them). */
  requestedByEmail: string | null;
  requestedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  poNumber: string | null;
  decisionNote: string | null;
}
