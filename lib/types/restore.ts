// What the restore page shows of an uploaded Retainer Portal export (issue 22's round trip), before it is restored.

export interface RestorePreview {
  file: { id: string; fileName: string; uploadedAt: Date; uploadedBy: string | null; importedAt: Date | null; added: number | null };
  meta: { scope: "practice" | "client"; exported_at: string; exported_by: string };
  /** Per client of the archive: its name and how many rows of each kind it brings. */
  clients: { name: string; entries: number; closedMonths: number; invoices: number; roadmapItems: number; updates: number }[];
  /** Why this practice can't take it (it is not empty), or null. */
  refusal: string | null;
}
