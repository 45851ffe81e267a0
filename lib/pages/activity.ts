// A client's activity page: who changed what and when, newest first, filtered by kind.
import { asUser } from "@/lib/db";
import { listAudit, type AuditRow } from "@/lib/db/audit";
import type { ClientPage } from "@/lib/pages/access";

export type { AuditRow };

/** The filters offered, "" for everything. */
export const ACTIVITY_KINDS = [
  { value: "", label: "Everything" },
  { value: "entry", label: "Hours" },
  { value: "terms", label: "Retainer terms" },
  { value: "client", label: "Client details" },
  { value: "member", label: "People" },
  { value: "roadmap", label: "Roadmap" },
  { value: "update", label: "Updates" },
  { value: "invoice", label: "Invoices" },
] as const;

/** The kind asked for, if it is one of the filters ("" otherwise). */
export function activityKind(param: string | undefined): string {
  const kind = param ?? "";
  return ACTIVITY_KINDS.some((k) => k.value === kind) ? kind : "";
}

/** The actions' first words a filter shows: invoices include month closes; client details, engineer assignments. */
export function auditKinds(kind: string): string[] | undefined {
  return kind === "invoice" ? ["invoice", "month"] : kind === "client" ? ["client", "engineer"] : kind ? [kind] : undefined;
}

export async function viewActivity({ claims, client }: ClientPage, searchParams: { kind?: string }) {
  const kind = activityKind(searchParams.kind);
  const events = await asUser(claims, (tx) => listAudit(tx, { clientId: client.id, kinds: auditKinds(kind) }));
  return { kind, kinds: ACTIVITY_KINDS, events };
}
