// A ledger row's tick for bulk edit (components/hours/bulk-edit reads the ticked ones): plain HTML rendered on the
// server, labelled by its row (the date, the work, the time), so a 100-row page carries no per-row props.
export function BulkTick({ entryId }: { entryId: string }) {
  return <input type="checkbox" data-bulk value={entryId} aria-labelledby={`entry-${entryId}`} className="bulk-tick" />;
}
