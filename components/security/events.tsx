// Security events in words: a person's own on /account, the practice's on /staff (with whose account).
import { Badge } from "@/components/ui/card";
import { deviceLabel } from "@/lib/domain/device";
import { formatInstant } from "@/lib/format";
import type { SecurityEventKind, SecurityEventRow } from "@/lib/types/security";

const KIND_LABELS: Record<SecurityEventKind, string> = {
  code_requested: "Sign-in code requested",
  signed_in: "Signed in",
  sign_in_failed: "Sign-in failed",
  invitation_used: "Signed in by invitation",
  session_ended: "Session ended",
  sessions_ended_by_admin: "Sessions ended by an admin",
  access_refused: "Access refused",
  role_changed: "Role changed",
  factor_enrolled: "Second factor added",
  factor_used: "Second step passed",
  factor_failed: "Wrong authenticator code",
  factor_removed: "Second factor removed",
  factor_reset: "Two-step sign-in reset by an admin",
  recovery_codes_renewed: "New recovery codes made",
  bearer_refused: "Machine access refused",
  limit_reached: "Limit reached",
};

export function SecurityEventList({ events, zone, practice = false, label }: { events: SecurityEventRow[]; zone: string; practice?: boolean; label: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing on record yet. Sign-ins, failed sign-ins and ended sessions appear here.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label={label}>
      {events.map((e) => (
        <li key={e.id} className="py-2.5 text-sm first:pt-0">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">{KIND_LABELS[e.kind] ?? e.kind}</span>
            {e.outcome === "refused" && <Badge tone="amber">Refused</Badge>}
            <span className="text-xs text-slate-500">{formatInstant(e.at, zone)}</span>
          </div>
          <p className="break-words text-xs text-slate-600">
            {[
              practice ? (e.personName ?? e.email ?? "Unknown address") : null,
              e.detail || null,
              e.actorName ? `by ${e.actorName}` : null,
              e.clientName,
              e.ip ? `from ${e.ip}` : null,
              e.userAgent ? deviceLabel(e.userAgent) : null,
            ].filter(Boolean).join(" · ")}
          </p>
        </li>
      ))}
    </ul>
  );
}
