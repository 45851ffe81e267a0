// The security record's shapes (types only): what the app writes (lib/auth/events.ts) and what pages read.

export type SecurityEventKind =
  | "code_requested" | "signed_in" | "sign_in_failed" | "invitation_used" | "session_ended" | "sessions_ended_by_admin"
  | "access_refused" | "role_changed"
  | "factor_enrolled" | "factor_used" | "factor_failed" | "factor_removed" | "factor_reset" | "recovery_codes_renewed"
  | "bearer_refused" | "limit_reached";

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
  /** aal2: reached with the second factor too. */
  aal: "aal1" | "aal2";
}

/** A person's second factor, as /account shows it (never the secret once confirmed). */
export interface SecondFactorStatus {
  /** When the authenticator app was confirmed; null when there is none. */
  since: Date | null;
  /** Unused recovery codes. */
  recoveryLeft: number;
  /** Set-up in progress: the secret (base32) and its otpauth:// URI, to show as a QR code and as text. */
  pending: { secret: string; uri: string } | null;
  /** The person's passkeys: two-step sign-in is on with a confirmed app or at least one of these. */
  passkeys: PasskeyRow[];
}

/** A passkey as /account lists it (never its key). */
export interface PasskeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}
