import { Badge } from "@/components/ui/card";
import type { InvoiceDisplayStatus } from "@/lib/domain/invoice-status";

// The words carry the status (the tone only repeats it), so it reads the same without colour.
const LABELS = {
  draft: ["Being issued", "slate"], open: ["Open", "amber"], overdue: ["Overdue", "red"], paid: ["Paid", "green"],
  void: ["Void", "slate"], uncollectible: ["Uncollectible", "red"],
} as const satisfies Record<InvoiceDisplayStatus, readonly [string, string]>;

/** An invoice's status as its view computed it (lib/domain/invoice-status displayStatus: "Overdue" past its due date). */
export function InvoiceStatusBadge({ status }: { status: InvoiceDisplayStatus }) {
  const [label, tone] = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
