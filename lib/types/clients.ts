// Shapes of a client that pages, components and services share (types only).
import type { LocalDate } from "@/lib/types/dates";
import type { BillingTiming, RetainerStart } from "@/lib/types/retainer";

export interface ClientRow {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  billingEmail: string;
  aiDraftingEnabled: boolean;
  archivedAt: Date | null;
  /** When its fees are invoiced (issue 27): at the start of each month, or with the overage after it. */
  billingTiming: BillingTiming;
  /** The day its retainer starts; null: its first terms month starts whole. */
  startDate: LocalDate | null;
}

/** How a client is billed: when its fees are invoiced, and how its first month starts. */
export interface ClientBilling {
  timing: BillingTiming;
  start: RetainerStart;
}

/** What services need to know about a client to compute its months and write its mail. */
export type ClientRef = Pick<ClientRow, "id" | "name" | "timezone" | "currency">;
