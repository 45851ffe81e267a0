// A ledger row's tick for bulk edit (components/hours/bulk-edit reads the ticked ones from the page): a plain checkbox
// labelled by its row (the date, the work, the time), with no state of its own.
export function BulkTick({ entryId }: { entryId: string }) {
  return <input type="checkbox" data-bulk value={entryId} aria-labelledby={`entry-${entryId}`} className="bulk-tick" />;
}
