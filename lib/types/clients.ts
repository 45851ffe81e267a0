// Shapes of a client that pages, components and services share (types only).

export interface ClientRow {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  billingEmail: string;
  aiDraftingEnabled: boolean;
  archivedAt: Date | null;
}

/** What services need to know about a client to compute its months and write its mail. */
export type ClientRef = Pick<ClientRow, "id" | "name" | "timezone" | "currency">;
