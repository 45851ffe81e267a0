// Search results (issue 25), shared by lib/db, the view and the page (types only).
export interface SearchHit {
  kind: "entry" | "item" | "update" | "page";
  id: string;
  clientId: string;
  clientName: string;
  /** The entry's date or the update's week (YYYY-MM-DD); null for a roadmap item or a handbook page. */
  date: string | null;
  title: string;
  /** A fragment with the matched words between MARK_START and MARK_END (lib/domain/search). */
  snippet: string;
  voided: boolean;
}
