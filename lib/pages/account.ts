// The account page's data: the signed-in person as they see themselves, how they are emailed, their API tokens,
// the clients a new token may be limited to, their sessions and their latest security events.
import type { Session } from "@/lib/auth/session";
import { asService, asUser } from "@/lib/db";
import { listApiTokens, type ApiTokenRow } from "@/lib/db/api-tokens";
import { listClients } from "@/lib/db/clients";
import { emailModeOf } from "@/lib/db/notifications";
import { listSecurityEvents } from "@/lib/db/security-events";
import { listOwnSessions } from "@/lib/db/sessions";
import type { OwnSessionRow, SecondFactorStatus, SecurityEventRow } from "@/lib/types/security";
import QRCode from "qrcode";
import { RECENT_SIGN_IN_MINUTES, secondFactorStatus } from "@/lib/auth/factors";
import { signedInWithin } from "@/lib/db/sessions";
import type { EmailMode } from "@/lib/types/notifications";
import { workPreferencesOf } from "@/lib/db/users";
import type { WorkPreferences } from "@/lib/types/week";
import type { Viewer } from "@/lib/types/viewer";
import { authProvider } from "@/lib/platform/env";

export type { ApiTokenRow };

export interface AccountView {
  viewer: Viewer;
  /** Their role in the practice, for staff; null for a client's people. */
  role: "Practice admin" | "Engineer" | null;
  /** Staff: their work settings (issue 25); null for a client's people. */
  work: WorkPreferences | null;
  tokens: ApiTokenRow[];
  clients: { id: string; name: string }[];
  /** How they hear of notifications by email. */
  emailMode: EmailMode;
  /** Their live sessions, this browser's marked `current`. */
  sessions: OwnSessionRow[];
  /** Their latest sign-ins, failed sign-ins, codes and ended sessions. */
  events: SecurityEventRow[];
  /** Two-step sign-in: on since when, or being set up (with its QR code as SVG), or off. */
  secondFactor: SecondFactorStatus;
  qrSvg: string | null;
  /** A staff member who must set up two-step sign-in before any other page (lib/domain/two-step). */
  twoStepFirst: boolean;
  /** Signed in recently enough to change two-step sign-in (lib/auth/factors). */
  recentSignIn: boolean;
  /** Signed in through Supabase Auth, whose MFA the app does not ask for yet: two-step sign-in is not offered. */
  hostedSignIn: boolean;
}

export async function viewAccount({ claims, viewer, twoStepFirst }: Session & { twoStepFirst: boolean }): Promise<AccountView> {
  const [tokens, clients, emailMode, sessions, events, work] = await asUser(claims, (tx) => Promise.all([
    listApiTokens(tx), listClients(tx), emailModeOf(tx), listOwnSessions(tx), listSecurityEvents(tx, { userId: viewer.userId, limit: 20 }),
    viewer.staffRole ? workPreferencesOf(tx, { userId: viewer.userId }) : null,
  ]));
  const secondFactor = await secondFactorStatus(viewer.userId, viewer.email);
  const recent = claims.sid ? await asService((tx) => signedInWithin(tx, { sessionId: claims.sid!, minutes: RECENT_SIGN_IN_MINUTES })) : true;
  const qrSvg = secondFactor.pending ? await QRCode.toString(secondFactor.pending.uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) : null;
  return {
    viewer,
    role: viewer.staffRole === "admin" ? "Practice admin" : viewer.staffRole === "engineer" ? "Engineer" : null,
    work,
    tokens,
    clients: clients.map((c) => ({ id: c.id, name: c.name })),
    emailMode,
    sessions,
    events,
    secondFactor,
    qrSvg,
    twoStepFirst,
    recentSignIn: recent,
    hostedSignIn: authProvider() === "supabase",
  };
}
