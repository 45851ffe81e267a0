// The security record's shapes (types only): what the app writes (lib/auth/events.ts) and what pages read.

export type SecurityEventKind =
  | "code_requested" | "signed_in" | "sign_in_failed" | "invitation_used" | "session_ended" | "sessions_ended_by_admin"
  | "access_refused" | "role_changed";

export interface SecurityEvent {
  kind: SecurityEventKind;
  outcome: "ok" | "refused";
  /** Whose account it is about; when absent, the account of `email` (if one exists). */
  userId?: string | null;
  email?: string | null;
  /** Who acted, when not the person themselves. */
  actorId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** A short reason in words; never a code, token or secret. */
  detail?: string;
}

export interface SecurityEventRow {
  id: string;
  at: Date;
  kind: SecurityEventKind;
  outcome: "ok" | "refused";
  email: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string;
  personName: string | null;
  actorName: string | null;
  clientName: string | null;
}

/** One of the person's live sessions, as /account lists it. */
export interface OwnSessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The session this request is made with. */
  current: boolean;
}
