// Valid calls for every server action (who calls, which fields), and for each field a generator of values
// that field must refuse. Cross-tenant attacks swap in another client's ids; fuzzing corrupts one field.
import fc from "fast-check";
import { parseDuration } from "@/lib/domain/duration";
import { isLocalDate } from "@/lib/domain/dates";
import type { PEOPLE } from "./harness";

export type FieldKind =
  | "uuid" | "optionalUuid" | "date" | "monday" | "duration" | "signedDuration" | "text200" | "text2000" | "text5000" | "text20000"
  | "reason" | "category" | "checkbox" | "month" | "optionalMonth" | "hours" | "optionalHours" | "money" | "increment" | "expiry"
  | "itemStatus" | "createStatus" | "index" | "email" | "optEmail" | "memberRole" | "zone" | "currency" | "bool" | "days" | "code" | "monthStart"
  | "optText1000" | "optText2000" | "text50000" | "token" | "ladder"
  | "optText40" | "optText200" | "optText300" | "country" | "rate" | "treatment" | "taxNumber" | "importIntent" | "text100" | "lifetime" | "webhookUrl"
  | "pricing" | "decision" | "emailMode" | "slackUrl" | "factorCode" | "renewCode" | "webauthnJson" | "bulkChange"
  | "section" | "visibility" | "version" | "text100000";

export interface ActionSpec {
  name: string;
  as: keyof typeof PEOPLE;
  fields: Record<string, { kind: FieldKind; value: string }>;
  /** Fields of this action that may be left out (a valid call without them). */
  optional?: string[];
}

const SQL = ["'; drop table public.time_entries; --", "1 or 1=1", "' union select * from auth.users --", "$$; select pg_sleep(5); $$"];
const HTML = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>"];
const HUGE = (n: number) => fc.integer({ min: n + 1, max: n + 3000 }).map((k) => "x".repeat(k));
const junk = fc.oneof(fc.constantFrom(...SQL, ...HTML, "", " ", "null", "undefined", "NaN", "[]", "{}", "-1", "1e309", "\u0000"), fc.string({ maxLength: 40 }));
const notIn = (allowed: readonly string[]) => junk.filter((s) => !allowed.includes(s.trim()) && !allowed.includes(s.trim().toLowerCase()));

// Answers of the right shape (they pass validation, then fail the signature check): the baseline a fuzzed field replaces.
const B64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const WELL_FORMED_REGISTRATION = JSON.stringify({ id: B64, rawId: B64, type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: B64, attestationObject: B64 } });
const WELL_FORMED_ASSERTION = JSON.stringify({ id: B64, rawId: B64, type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: B64, authenticatorData: B64, signature: B64 } });

/** Values each kind of field must reject. */
export const INVALID: Record<FieldKind, fc.Arbitrary<string>> = {
  uuid: junk.filter((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(s)),
  optionalUuid: junk.filter((s) => s !== "" && !/^[0-9a-f-]{36}$/i.test(s)),
  date: fc.oneof(fc.constantFrom("2026-02-30", "2026-13-01", "2026-00-10", "yesterday", "", "2026/11/01", "26-11-01", "2026-11-1"), junk).filter((s) => !isLocalDate(s.trim())),
  monday: fc.constantFrom("2026-11-24", "2026-11-29", "2026-02-30", "", "monday", ...SQL),
  duration: fc.oneof(fc.constantFrom("-30", "0", "0:00", "-1:30", "1.333", "25h", "99999999", "1e3", "1,5,5", "1:75", "lots", ...SQL, ...HTML), junk).filter((s) => parseDuration(s) === null),
  signedDuration: fc.constantFrom("0", "--30", "+-1", "1.333", "25h", "lots", "", ...SQL),
  text200: fc.oneof(HUGE(200), fc.constantFrom("", "   ")),
  text2000: fc.oneof(HUGE(2000), fc.constantFrom("", "  ")),
  text5000: fc.oneof(HUGE(5000), fc.constantFrom("", "  ")),
  text20000: HUGE(20000),
  text50000: HUGE(50000),
  token: fc.oneof(fc.string({ maxLength: 19 }), HUGE(200)),
  optText1000: HUGE(1000),
  optText2000: HUGE(2000),
  reason: fc.oneof(HUGE(500), fc.constantFrom("", "a", "  ")),
  category: notIn(["build", "maintenance", "audit", "meeting", "training", "support"]),
  bulkChange: notIn(["category", "roadmapItem", "billable", "void"]),
  importIntent: notIn(["preview", "import"]),
  pricing: notIn(["rate", "quoted"]),
  decision: notIn(["approve", "decline"]),
  emailMode: notIn(["immediately", "daily", "off"]),
  slackUrl: fc.oneof(fc.constantFrom("http://hooks.slack.com/services/T0001/B0001/abcdefghijklmnop", "https://hooks.slack.com.evil.example/services/T0001/B0001/abcdefghijklmnop",
    "https://169.254.169.254/services/T0001/B0001/abcdefghijklmnop", "https://127.0.0.1/services/T0001/B0001/abcdefghijklmnop", "javascript:alert(1)", "", "  "), junk),
  text100: fc.oneof(HUGE(100), fc.constantFrom("", "   ")),
  // A code from an authenticator app or a recovery code: too short or too long to be either.
  factorCode: fc.oneof(HUGE(40), fc.constantFrom("", "   ", "12345", "abc")),
  // Renewing recovery codes without the app (a passkey alone) sends no code; one that is sent has a code's length.
  renewCode: fc.oneof(HUGE(40), fc.constantFrom("12345", "abc", "1")),
  // What a browser's authenticator answered (WebAuthn JSON): not JSON, the wrong shape, or too long.
  webauthnJson: fc.oneof(HUGE(20_000), fc.constantFrom("", "not json", "{}", "[]", "null", '{"id":"x","type":"public-key"}', ...SQL, ...HTML)),
  lifetime: notIn(["30", "90", "365"]),
  webhookUrl: fc.oneof(fc.constantFrom("http://example.com/h", "https://10.0.0.1/h", "https://169.254.169.254/latest", "https://[::1]/h", "ftp://example.com",
    "javascript:alert(1)", "https://user:pw@example.com/h", "", "  "), junk).filter((s) => !/^https:\/\/[a-z]/i.test(s.trim()) || /@/.test(s)),
  checkbox: notIn(["on", "true", "1", ""]),
  month: fc.constantFrom("2026-13", "2026-00", "26-11", "", "November", "2026-1", ...SQL),
  optionalMonth: fc.constantFrom("2026-13", "2026-00", "26-11", "November", "2026-11-01", ...SQL),
  hours: fc.constantFrom("-3", "abc", "1.234", "", "1e3", "9999", ...SQL),
  optionalHours: fc.constantFrom("-3", "abc", "1.234", "1e3", "99999", ...SQL),
  money: fc.constantFrom("abc", "-5", "1.234", "1e5", "", "$$", "999999999999999", ...SQL),
  increment: fc.constantFrom("7", "0", "61", "-15", "15.5", "abc", ""),
  expiry: fc.constantFrom("-1", "25", "1.5", "abc"),
  itemStatus: notIn(["proposed", "planned", "in_progress", "shipped", "dropped"]),
  createStatus: notIn(["proposed", "planned", "in_progress"]).filter((s) => s !== ""),
  index: fc.constantFrom("-1", "1.5", "abc", "1e9", "10001", ...SQL),
  email: fc.oneof(fc.constantFrom("", "a", "a@", "@b.c", "a@@b.c", "a b@c.d", ...SQL, ...HTML), HUGE(320)),
  optEmail: fc.oneof(fc.constantFrom("a", "a@", "@b.c", "a@@b.c", "a b@c.d", ...SQL, ...HTML), HUGE(320)),
  memberRole: notIn(["owner", "member"]),
  zone: fc.constantFrom("Mars/Olympus", "UTC+99", "", ...SQL, ...HTML),
  currency: fc.constantFrom("ABC", "US", "dollars", "", "XXXX", ...SQL),
  bool: notIn(["true", "false"]),
  days: fc.constantFrom("-1", "121", "1.5", "abc", ...SQL),
  code: fc.constantFrom("12345", "1234567", "abcdef", "", ...SQL),
  monthStart: fc.constantFrom("2026-10-02", "2026-13-01", "October", "", ...SQL),
  optText40: HUGE(40),
  optText200: HUGE(200),
  optText300: HUGE(300),
  country: fc.constantFrom("XX", "USA", "1", "zz", "New Zealand", ...SQL, ...HTML),
  rate: fc.constantFrom("abc", "0", "101", "-5", "1.234", "", "1e3", "15%%", ...SQL),
  treatment: notIn(["none", "standard", "reverse_charge", "exempt"]),
  taxNumber: fc.constantFrom("12", "abc", "1234567890", "GB123", ...SQL, ...HTML),
  // The handbook (issue 26).
  section: notIn(["runbooks", "architecture", "how-tos", "decisions", "workflows"]),
  visibility: notIn(["internal", "client"]),
  version: fc.constantFrom("0", "-1", "1.5", "abc", "", "1e9", "9999999", ...SQL),
  text100000: HUGE(100_000),
  ladder: fc.constantFrom("0", "366", "3, 3", "1, 2, 3, 4, 5, 6, 7", "3.5", "-1", "three", "1e3", ...SQL, ...HTML),
};

export interface Ids {
  client: string;
  otherStaffUser: string;
  item: string;
  entry: string;
  closedEntry: string;
  update: string;
  invoice: string;
  page: string;
  today: string;
  lastMonth: string;
  monday: string;
}

/** Every action with fields that would succeed for the given client's ids. */
export function actionSpecs(ids: Ids): ActionSpec[] {
  const f = (kind: FieldKind, value: string) => ({ kind, value });
  const entryFields = {
    workDate: f("date", ids.today), minutes: f("duration", "15m"), description: f("text2000", "Work"), category: f("category", "build"),
    billable: f("checkbox", "on"), roadmapItemId: f("optionalUuid", ids.item),
  };
  return [
    { name: "logEntryAction", as: "sam", fields: { clientId: f("uuid", ids.client), ...entryFields, confirmOverage: f("checkbox", "1") } },
    // The timer (issue 25): the baseline starts one (refused once a field is bad) and stops one sam does not have.
    { name: "startTimerAction", as: "sam", fields: { clientId: f("uuid", ids.client), description: f("text2000", "Work"), category: f("category", "build"),
      billable: f("checkbox", "on"), roadmapItemId: f("optionalUuid", ids.item) } },
    { name: "stopTimerAction", as: "sam", fields: { clientId: f("uuid", ids.client), confirm: f("checkbox", ""), minutes: f("duration", "15m"), confirmOverage: f("checkbox", "") },
      optional: ["confirm", "minutes"] },
    // Bulk edit (issue 25): the ids as one comma-separated value; only the fields every call needs are corrupted.
    { name: "bulkEntriesAction", as: "sam", fields: { clientId: f("uuid", ids.client), entryIds: f("uuid", ids.entry), change: f("bulkChange", "category"), category: f("category", "support") } },
    // The handbook (issue 26): a new page, a save from version 1 (refused once saved past it), a draft from a roadmap item's
    // work, a restore of version 1.
    { name: "createPageAction", as: "sam", fields: { clientId: f("uuid", ids.client), section: f("section", "runbooks"), title: f("text200", "Runbook"),
      bodyMd: f("text100000", "1. Check the log."), visibility: f("visibility", "internal"), roadmapItemId: f("optionalUuid", ids.item) }, optional: ["bodyMd"] },
    { name: "savePageAction", as: "sam", fields: { clientId: f("uuid", ids.client), pageId: f("uuid", ids.page), baseVersion: f("version", "1"), section: f("section", "runbooks"),
      title: f("text200", "Runbook"), bodyMd: f("text100000", "1. Check the log."), visibility: f("visibility", "client"), roadmapItemId: f("optionalUuid", "") },
      optional: ["bodyMd"] },
    // An attachment's file is not a string field: tests/stress/attacks/handbook-files.ts attacks it with hostile files.
    { name: "removeFileAction", as: "sam", fields: { clientId: f("uuid", ids.client), pageId: f("uuid", ids.page), fileId: f("uuid", ids.page) } },
    { name: "draftPageAction", as: "sam", fields: { clientId: f("uuid", ids.client), roadmapItemId: f("uuid", ids.item) } },
    { name: "restoreVersionAction", as: "sam", fields: { clientId: f("uuid", ids.client), pageId: f("uuid", ids.page), version: f("version", "1"), baseVersion: f("version", "1") } },
    { name: "editEntryAction", as: "sam", fields: { clientId: f("uuid", ids.client), entryId: f("uuid", ids.entry), ...entryFields } },
    { name: "voidEntryAction", as: "sam", fields: { clientId: f("uuid", ids.client), entryId: f("uuid", ids.entry), reason: f("reason", "Logged twice") } },
    { name: "adjustEntryAction", as: "sam", fields: { clientId: f("uuid", ids.client), entryId: f("uuid", ids.closedEntry), workDate: f("date", ids.today), minutes: f("signedDuration", "-15m"), description: f("text2000", "Correction") } },
    { name: "setTermsAction", as: "sam", fields: {
      clientId: f("uuid", ids.client), effectiveMonth: f("month", ids.today.slice(0, 7)), includedHours: f("hours", "20"), monthlyFee: f("money", "4000"),
      overageRate: f("money", "225"), overageIncrementMinutes: f("increment", "15"), rolloverCapHours: f("hours", "10"), rolloverExpiryMonths: f("expiry", "2"), preapprovedHours: f("hours", "4"),
    } },
    { name: "createItemAction", as: "sam", fields: { clientId: f("uuid", ids.client), title: f("text200", "New item"), description: f("text20000", "d"), targetMonth: f("optionalMonth", "2027-01"), estimateMinutes: f("optionalHours", "8"), status: f("createStatus", "planned") } },
    { name: "updateItemAction", as: "sam", fields: { clientId: f("uuid", ids.client), itemId: f("uuid", ids.item), title: f("text200", "Renamed"), description: f("text20000", "d"), targetMonth: f("optionalMonth", "2027-01"), estimateMinutes: f("optionalHours", "8") } },
    { name: "moveItemAction", as: "sam", fields: { clientId: f("uuid", ids.client), itemId: f("uuid", ids.item), status: f("itemStatus", "in_progress"), index: f("index", "0") } },
    { name: "commentAction", as: "marco", fields: { clientId: f("uuid", ids.client), itemId: f("uuid", ids.item), body: f("text5000", "Nice") } },
    { name: "proposeItemAction", as: "olivia", fields: { clientId: f("uuid", ids.client), title: f("text200", "Idea"), description: f("text20000", "") } },
    { name: "draftUpdateAction", as: "sam", fields: { clientId: f("uuid", ids.client), weekStart: f("monday", ids.monday) } },
    { name: "saveDraftAction", as: "sam", fields: { clientId: f("uuid", ids.client), updateId: f("uuid", ids.update), title: f("text200", "Title"), bodyMd: f("text50000", "Body") } },
    { name: "updateClientAction", as: "sam", fields: { clientId: f("uuid", ids.client), name: f("text200", "Harbor & Pine Bakery"), timezone: f("zone", "America/Los_Angeles"), currency: f("currency", "USD"), billingEmail: f("optEmail", "accounts@harborpine.test") } },
    { name: "inviteAction", as: "sam", fields: { clientId: f("uuid", ids.client), email: f("email", "new@harborpine.test"), role: f("memberRole", "member") } },
    { name: "assignEngineerAction", as: "sam", fields: { clientId: f("uuid", ids.client), userId: f("uuid", ids.otherStaffUser) } },
    { name: "setAiDraftingAction", as: "olivia", fields: { clientId: f("uuid", ids.client), enabled: f("bool", "true") } },
    { name: "closeMonthAction", as: "sam", fields: { clientId: f("uuid", ids.client), month: f("monthStart", ids.lastMonth) } },
    { name: "markPaidAction", as: "sam", fields: { clientId: f("uuid", ids.client), invoiceId: f("uuid", ids.invoice) } },
    { name: "archiveClientAction", as: "sam", fields: { clientId: f("uuid", ids.client), archived: f("bool", "false") } },
    { name: "updatePracticeAction", as: "sam", fields: { name: f("text200", "Rivera Fractional Engineering"), address: f("optText1000", "x"), invoiceEmail: f("optEmail", "billing@practice.test"), daysUntilDue: f("days", "14"), invoiceFooter: f("optText2000", "Thanks"),
      paymentInstructions: f("optText2000", "SWIFT to IBAN GB33 BUKB 2020 1555 5555 55"), paymentInstructions_USD: f("optText2000", "ACH to routing 121000358"),
      reminderDays: f("ladder", "3, 7, 14"), stripeSendsReminders: f("checkbox", ""),
      legalName: f("optText200", "Rivera Fractional Engineering LLC"), country: f("country", "US"), stripeAutomaticTax: f("checkbox", ""), taxRegistration_nz_gst: f("taxNumber", "123-456-789") } },
    { name: "setBillingDetailsAction", as: "sam", fields: {
      clientId: f("uuid", ids.client), legalName: f("optText200", "Harbor & Pine Bakery LLC"), address: f("optText1000", "1120 Alder Street"), country: f("country", "US"),
      taxId: f("optText40", "12-3456789"), taxTreatment: f("treatment", "standard"), taxRate: f("rate", "8.5"), taxLabel: f("optText40", "Sales tax"), taxNote: f("optText300", "") } },
    { name: "openBillingPortalAction", as: "olivia", fields: { clientId: f("uuid", ids.client) } },
    { name: "createClientAction", as: "sam", fields: { name: f("text200", "New client"), timezone: f("zone", "Europe/Berlin"), currency: f("currency", "EUR"), billingEmail: f("optEmail", "a@b.test") } },
    { name: "verifyCodeAction", as: "sam", fields: { email: f("email", "sam@practice.test"), code: f("code", "123456") } },
    { name: "requestCodeAction", as: "sam", fields: { email: f("email", "sam@practice.test") } },
    { name: "acceptInvitationAction", as: "sam", fields: { token: f("token", "a".repeat(43)) } },
    { name: "unassignEngineerAction", as: "sam", fields: { clientId: f("uuid", ids.client), userId: f("uuid", ids.otherStaffUser) } },
    { name: "publishUpdateAction", as: "sam", fields: { clientId: f("uuid", ids.client), updateId: f("uuid", ids.update), title: f("text200", "Title"), bodyMd: f("text50000", "Body") } },
    { name: "retryPushAction", as: "sam", fields: { clientId: f("uuid", ids.client), invoiceId: f("uuid", ids.invoice) } },
    // The upload's file is not a string field: tests/stress/attacks/imports.ts attacks it with hostile files.
    { name: "restoreExportAction", as: "sam", fields: { fileId: f("uuid", ids.client) } },
    // Extra hours (issue 23): priced as quoted, so a corrupted price is refused rather than ignored.
    { name: "requestExtraHoursAction", as: "sam", fields: {
      clientId: f("uuid", ids.client), month: f("month", ids.today.slice(0, 7)), hours: f("hours", "10"), roadmapItemId: f("optionalUuid", ids.item),
      reason: f("optText1000", "Carrier API cut-over"), pricing: f("pricing", "quoted"), quoted: f("money", "1500") }, optional: ["roadmapItemId"] },
    { name: "decideExtraHoursAction", as: "olivia", fields: {
      clientId: f("uuid", ids.client), requestId: f("uuid", ids.client), decision: f("decision", "approve"), poNumber: f("optText200", "PO-1"),
      note: f("optText1000", "Go ahead") }, optional: ["poNumber", "note"] },
    { name: "withdrawExtraHoursAction", as: "sam", fields: { clientId: f("uuid", ids.client), requestId: f("uuid", ids.client) } },
    // The owners' review (issue 23).
    { name: "confirmMonthAction", as: "olivia", fields: { clientId: f("uuid", ids.client), month: f("monthStart", ids.lastMonth) } },
    { name: "askQuestionAction", as: "olivia", fields: { clientId: f("uuid", ids.client), entryId: f("uuid", ids.entry), body: f("text2000", "Was this planned?") } },
    { name: "answerQuestionAction", as: "sam", fields: { clientId: f("uuid", ids.client), questionId: f("uuid", ids.client), body: f("optText2000", "Yes"), resolve: f("checkbox", "on") },
      optional: ["body", "resolve"] },
    { name: "runImportAction", as: "sam", fields: { fileId: f("uuid", ids.client), intent: f("importIntent", "preview"), skipRefused: f("checkbox", "on") } },
    // One scope ticked: corrupting it unticks it, and a token with nothing to do is refused.
    { name: "createApiTokenAction", as: "olivia", fields: { name: f("text100", "Accounting"), "scope.hours:read": f("checkbox", "on"), clientId: f("optionalUuid", ids.client), lifetimeDays: f("lifetime", "90") }, optional: ["clientId"] },
    { name: "revokeApiTokenAction", as: "olivia", fields: { tokenId: f("uuid", ids.client) } },
    // Sessions (issue 29): ending one's own other session, and an admin ending someone's.
    { name: "endOwnSessionAction", as: "olivia", fields: { sessionId: f("uuid", ids.client) } },
    { name: "endStaffSessionsAction", as: "sam", fields: { userId: f("uuid", ids.client) } },
    // Two-step sign-in (issue 29): codes of the wrong shape, and an admin's reset of a malformed id.
    { name: "confirmTwoStepAction", as: "yuki", fields: { code: f("factorCode", "123456") } },
    { name: "renewTwoStepCodesAction", as: "yuki", fields: { code: f("renewCode", "123456") }, optional: ["code"] },
    { name: "turnOffTwoStepAction", as: "yuki", fields: { code: f("factorCode", "123456") } },
    { name: "secondFactorAction", as: "yuki", fields: { code: f("factorCode", "123456") } },
    { name: "endMemberSessionsAction", as: "sam", fields: { clientId: f("uuid", ids.client), userId: f("uuid", ids.client) } },
    { name: "resetStaffSecondFactorAction", as: "sam", fields: { userId: f("uuid", ids.client), verifiedBy: f("text200", "Video call, saw their face") } },
    // Passkeys (issue 29): a name, an answer of the wrong shape, a malformed id.
    { name: "addPasskeyAction", as: "yuki", fields: { name: f("text100", "Laptop"), response: f("webauthnJson", WELL_FORMED_REGISTRATION) } },
    { name: "removePasskeyAction", as: "yuki", fields: { passkeyId: f("uuid", ids.client) } },
    { name: "passkeyAction", as: "yuki", fields: { response: f("webauthnJson", WELL_FORMED_ASSERTION) } },
    { name: "addWebhookAction", as: "sam", fields: { url: f("webhookUrl", "https://hooks.example.com/retainer"), description: f("optText200", "Sync"), "event.entry.created": f("checkbox", "on") }, optional: ["description"] },
    { name: "removeWebhookAction", as: "sam", fields: { endpointId: f("uuid", ids.client) } },
    { name: "redeliverWebhookAction", as: "sam", fields: { deliveryId: f("uuid", ids.client) } },
    // The inbox (issue 23): only one's own notifications, and one's own preference.
    { name: "openNotificationAction", as: "olivia", fields: { notificationId: f("uuid", ids.client) } },
    { name: "markNotificationReadAction", as: "olivia", fields: { notificationId: f("uuid", ids.client) } },
    { name: "setEmailNotificationsAction", as: "olivia", fields: { mode: f("emailMode", "daily") } },
    // Slack (issue 23): a corrupted URL or event is refused before anything is posted.
    { name: "connectSlackAction", as: "olivia", fields: { clientId: f("uuid", ids.client), url: f("slackUrl", "https://hooks.slack.com/services/T0001/B0001/abcdefghijklmnop"), "event.update.published": f("checkbox", "on") } },
    { name: "disconnectSlackAction", as: "olivia", fields: { clientId: f("uuid", ids.client) } },
    { name: "commentOnUpdateAction", as: "marco", fields: { clientId: f("uuid", ids.client), updateId: f("uuid", ids.update), body: f("text5000", "Nice week") } },
  ];
}
