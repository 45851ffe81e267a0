import { Badge } from "@/components/ui/card";

const LABELS = { draft: ["Being issued", "slate"], open: ["Open", "amber"], paid: ["Paid", "green"], void: ["Void", "slate"], uncollectible: ["Uncollectible", "red"] } as const;

export function InvoiceStatusBadge({ status }: { status: keyof typeof LABELS }) {
  const [label, tone] = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
