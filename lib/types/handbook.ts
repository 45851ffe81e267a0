// The handbook (issue 26): shapes shared by lib/db, the pages and the forms (types only).

export type HandbookSection = "runbooks" | "architecture" | "how-tos" | "decisions" | "workflows";

/** internal: the client's staff only; client: its owners and members too. */
export type HandbookVisibility = "internal" | "client";

/** Who wrote a version's words: a person at the editor, Claude drafting from the work, or the template (drafting off). */
export type HandbookSource = "person" | "claude" | "template";

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
  /** Who wrote the current version's words: a draft from the work is Claude's or the template's until a person saves. */
  versionSource: HandbookSource;
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
  source: HandbookSource;
}

/** What a save writes. */
export interface HandbookFields {
  section: HandbookSection;
  title: string;
  bodyMd: string;
  visibility: HandbookVisibility;
  roadmapItemId: string | null;
}

/** What a handbook page is drafted from (lib/handbook/runbook.ts): a roadmap item, the work logged on it, its comments and its moves. */
export interface ItemWork {
  item: { id: string; title: string; description: string; status: string; shippedOn: string | null; proposedByRole: string };
  /** The item's entries (not voided), the newest `limit`, oldest first. */
  entries: { id: string; date: string; category: string; description: string; writtenByRole: string }[];
  /** Its comments, oldest first (the newest `limit`), with their author's role. */
  comments: { on: string; body: string; writtenByRole: string }[];
  /** Its moves between lanes, oldest first, with the day in the client's zone. */
  moves: { on: string; from: string | null; to: string | null; action: string }[];
}

/** A file attached to a page, as its page lists it (the bytes are read only to serve it). */
export interface HandbookFileRow {
  id: string;
  pageId: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
  uploadedByName: string | null;
}

/** A file as a page shows it: with the path that serves it and whether it is an image. */
export type ShownFile = HandbookFileRow & { href: string; image: boolean };
