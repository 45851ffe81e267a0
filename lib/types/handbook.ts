// The handbook (issue 26): shapes shared by lib/db, the pages and the forms (types only).

export type HandbookSection = "runbooks" | "architecture" | "how-tos" | "decisions" | "workflows";

/** internal: the client's staff only; client: its owners and members too. */
export type HandbookVisibility = "internal" | "client";

/** A page as it reads now. */
export interface HandbookPageRow {
  id: string;
  clientId: string;
  section: HandbookSection;
  title: string;
  bodyMd: string;
  visibility: HandbookVisibility;
  roadmapItemId: string | null;
  roadmapItemTitle: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string | null;
}

/** One saved version of a page. */
export interface HandbookVersionRow {
  version: number;
  section: HandbookSection;
  title: string;
  bodyMd: string;
  visibility: HandbookVisibility;
  roadmapItemId: string | null;
  savedAt: Date;
  savedByName: string | null;
  restoredFrom: number | null;
}

/** What a save writes. */
export interface HandbookFields {
  section: HandbookSection;
  title: string;
  bodyMd: string;
  visibility: HandbookVisibility;
  roadmapItemId: string | null;
}
