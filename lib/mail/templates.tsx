// Every email the portal sends, as one template set: each function takes the facts of one email and returns a
// draft that lib/mail/outbox renders (lib/mail/render) with the practice's name and APP_URL into a subject, an
// HTML body and a plain-text body read off that HTML. Copy lives here and nowhere else.
//
// Subjects are plain text that lock screens and inbox lists show: they never carry a secret (a sign-in code,
// an invitation link). People's words (client names, update bodies) are rendered as React text, so they are
// escaped in the HTML; update bodies go through the pages' Markdown policy (lib/mail/markdown).
import "server-only";
import type { AlertKind, Forecast } from "@/lib/domain/forecast";
import type { MonthStatement } from "@/lib/domain/retainer";
import { formatDate, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { A, EmailLayout, mailStyles, P, portalUrl, type MailDraft } from "@/lib/mail/layout";
import { EmailMarkdown } from "@/lib/mail/markdown";
import { Text } from "@react-email/text";

export type { MailContext } from "@/lib/mail/layout";

export type { MailDraft } from "@/lib/mail/layout";

const longDate = (d: string) => formatDate(d, { month: "long", day: "numeric", year: "numeric" });

/** A sign-in code. The code is in the body only: the subject and the preview line show on lock screens. */
export function signInCodeMail(opts: { to: string; code: string; ttlMinutes: number }): MailDraft {
  return {
    kind: "sign_in_code",
    to: opts.to,
    compose: (ctx) => ({
      subject: `Your sign-in code for ${ctx.practiceName}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`Use it within ${opts.ttlMinutes} minutes to sign in to ${ctx.practiceName}'s client portal.`}
          heading="Your sign-in code"
          action={{ label: "Open the sign-in page", href: portalUrl(ctx, "/login") }}
          reason={`Someone asked for a sign-in code for ${opts.to}. If it wasn't you, ignore this email: nobody can sign in without the code.`}
        >
          <P>Enter this code on the sign-in page:</P>
          <Text style={mailStyles.code}>{opts.code}</Text>
          <P>It works once and expires in {opts.ttlMinutes} minutes.</P>
        </EmailLayout>
      ),
    }),
  };
}

export type TwoStepChange = "on" | "off" | "reset" | "codes" | "app removed" | "passkey added" | "passkey removed";

/** Two-step sign-in changed on the person's account: so a change they did not make does not go unnoticed. */
export function twoStepChangedMail(opts: { to: string; change: TwoStepChange; by?: string; passkey?: string }): MailDraft {
  const what = {
    on: "Two-step sign-in was turned on",
    off: "Two-step sign-in was turned off",
    reset: `Your two-step sign-in was reset${opts.by ? ` by ${opts.by}` : ""}`,
    codes: "New recovery codes were made",
    "app removed": "Your authenticator app was removed from two-step sign-in",
    "passkey added": `A passkey${opts.passkey ? ` (“${opts.passkey}”)` : ""} was added`,
    "passkey removed": `A passkey${opts.passkey ? ` (“${opts.passkey}”)` : ""} was removed`,
  }[opts.change];
  const after = {
    on: "From now on, signing in asks for the code your authenticator app shows after the emailed code.",
    off: "From now on you sign in with the emailed code alone.",
    reset: "Your authenticator app, passkeys and recovery codes no longer work, and every session of yours has ended. Sign in with an emailed code and set up two-step sign-in again.",
    codes: "The recovery codes you had before no longer work.",
    "app removed": "Signing in now asks for your passkey after the emailed code; codes from the app no longer work.",
    "passkey added": "Signing in can now use this passkey after the emailed code.",
    "passkey removed": "That passkey no longer signs you in.",
  }[opts.change];
  return {
    kind: "two_step_changed",
    to: opts.to,
    compose: (ctx) => ({
      subject: `${what} for your ${ctx.practiceName} account`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={after}
          heading={what}
          action={{ label: "See your account", href: portalUrl(ctx, "/account#two-step") }}
          reason={`This is about the account of ${opts.to}. If you did not make this change, sign in, end the sessions you do not recognise on your account page, and tell your practice's admin.`}
        >
          <P>{after}</P>
        </EmailLayout>
      ),
    }),
  };
}

/** To someone invited to a client: the link signs them in and adds them to the client. */
export function invitationMail(opts: { to: string; clientName: string; role: string; link: string; inviter: string; clientId: string }): MailDraft {
  const owner = opts.role === "owner";
  return {
    kind: "invitation",
    clientId: opts.clientId,
    to: opts.to,
    compose: (ctx) => ({
      subject: `${opts.inviter} invited you to ${opts.clientName} on ${ctx.practiceName}'s client portal`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`Join ${opts.clientName} as ${owner ? "an owner" : "a member"}: hours used, the roadmap and weekly updates.`}
          heading={`Join ${opts.clientName}`}
          action={{ label: "Accept the invitation", href: opts.link }}
          reason={`${opts.inviter} invited ${opts.to}. If you weren't expecting it, ignore this email: nothing happens until the link is opened.`}
        >
          <P>
            <strong style={mailStyles.strong}>{opts.inviter}</strong> invited you to join <strong style={mailStyles.strong}>{opts.clientName}</strong> as {owner ? "an owner" : "a member"}.
          </P>
          <P>You'll see hours used, the roadmap and weekly updates{owner ? ", plus invoices" : ""}.</P>
          <P>The link signs you in. It works once, for 7 days.</P>
        </EmailLayout>
      ),
    }),
  };
}

/** To someone invited to the practice's staff. */
export function staffInvitationMail(opts: { to: string; role: "admin" | "engineer"; link: string; inviter: string }): MailDraft {
  const as = opts.role === "admin" ? "an admin" : "an engineer";
  return {
    kind: "staff_invitation",
    clientId: null,
    to: opts.to,
    compose: (ctx) => ({
      subject: `${opts.inviter} invited you to join ${ctx.practiceName} on its client portal`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`Join ${ctx.practiceName} as ${as}.`}
          heading={`Join ${ctx.practiceName}`}
          action={{ label: "Accept the invitation", href: opts.link }}
          reason={`${opts.inviter} invited ${opts.to}. If you weren't expecting it, ignore this email: nothing happens until the link is opened.`}
        >
          <P>
            <strong style={mailStyles.strong}>{opts.inviter}</strong> invited you to join <strong style={mailStyles.strong}>{ctx.practiceName}</strong> as {as}.
          </P>
          <P>
            {opts.role === "admin"
              ? "As an admin you'll see every client, billing, the practice settings and the staff list."
              : "As an engineer you'll log time and keep the roadmap and weekly updates of the clients you're assigned."}
          </P>
          <P>The link signs you in. It works once, for 7 days.</P>
        </EmailLayout>
      ),
    }),
  };
}

/** To every member of a client when a weekly update is published: the update itself, rendered from its Markdown. */
export function updatePublishedMail(opts: {
  to: string; clientId: string; clientName: string; updateId: string; weekStart: string; title: string; bodyMd: string;
  /** The recipient's signed reply address (lib/updates/reply-address), when the deployment takes replies. */
  replyTo?: string | null;
}): MailDraft {
  return {
    kind: "update.published",
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `update:${opts.updateId}:${opts.to}`,
    ...(opts.replyTo ? { replyTo: opts.replyTo } : {}),
    compose: (ctx) => ({
      subject: `${opts.clientName}: ${opts.title}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`Your weekly update for the week of ${longDate(opts.weekStart)}.`}
          heading={opts.title}
          action={{ label: "Read it in the portal", href: portalUrl(ctx, `/clients/${opts.clientId}/updates#u-${opts.updateId}`) }}
          reason={`You're a member of ${opts.clientName} in ${ctx.practiceName}'s client portal.`}
        >
          <Text style={mailStyles.small}>{opts.clientName} · Week of {longDate(opts.weekStart)}</Text>
          <EmailMarkdown ctx={ctx}>{opts.bodyMd}</EmailMarkdown>
          {opts.replyTo && <Text style={mailStyles.small}>Reply to this email to comment on the update: your reply appears under it in the portal.</Text>}
        </EmailLayout>
      ),
    }),
  };
}

const ALERT_HEADLINE: Record<AlertKind, (name: string, month: string) => string> = {
  used_80: (name, month) => `${name} has used 80% of ${month}'s hours`,
  used_100: (name, month) => `${name} has used all of ${month}'s hours`,
  // Due on a credible forecast, or once used is past available (then the month has gone over: a fact).
  forecast_over: (name, month) => `${name} is on pace to go over ${month}'s hours`,
};

/**
 * To each owner and assigned engineer when the month crosses 80% or 100% of its hours or the forecast first
 * goes over. The projected overage in money goes to owners only.
 */
export function usageAlertMail(opts: {
  to: string; owner: boolean; clientId: string; clientName: string; currency: string; alert: AlertKind;
  statement: Pick<MonthStatement, "month" | "usedMinutes" | "availableMinutes" | "includedMinutes" | "rolloverInMinutes">;
  forecast: Pick<Forecast, "credible" | "projectedMinutes" | "elapsedDays" | "daysInMonth" | "runsOutOn" | "runsOutActual" | "projectedOverageCents">;
}): MailDraft {
  const s = opts.statement;
  const f = opts.forecast;
  const month = formatMonth(s.month);
  // Without a credible forecast the forecast alert is due only because used is past available: say that.
  const headline = opts.alert === "forecast_over" && !f.credible ? `${opts.clientName} has gone over ${month}'s hours` : ALERT_HEADLINE[opts.alert](opts.clientName, month);
  const runsOut = f.runsOutOn ? formatDate(f.runsOutOn, { month: "long", day: "numeric" }) : null;
  const used = `${formatMinutes(s.usedMinutes)} of ${formatMinutes(s.availableMinutes)} available (${formatMinutes(s.includedMinutes)} included${s.rolloverInMinutes ? ` + ${formatMinutes(s.rolloverInMinutes)} rolled over` : ""}).`;
  // The forecast only when credible, with what it rests on; a runs-out day that already happened is a fact.
  const forecast = f.credible
    ? `${formatMinutes(f.projectedMinutes)}${f.elapsedDays < f.daysInMonth ? ` at the pace of the last ${f.elapsedDays} days` : ""}${runsOut ? `; hours ${f.runsOutActual ? "ran" : "run"} out on ${runsOut}` : ""}.`
    : null;
  const overage = opts.owner && f.credible && f.projectedOverageCents > 0 && f.elapsedDays < f.daysInMonth
    ? formatMoney(f.projectedOverageCents, opts.currency) : null;
  return {
    kind: `alert.${opts.alert}`,
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `alert:${opts.clientId}:${s.month}:${opts.alert}:${opts.to}`,
    compose: (ctx) => ({
      subject: headline,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`Used so far: ${formatMinutes(s.usedMinutes)} of ${formatMinutes(s.availableMinutes)}.`}
          heading={`${headline}.`}
          action={{ label: `See ${month}'s hours`, href: portalUrl(ctx, `/clients/${opts.clientId}/hours`) }}
          reason={`You ${opts.owner ? "own" : "work on"} ${opts.clientName}'s account in ${ctx.practiceName}'s client portal.`}
        >
          <P><strong style={mailStyles.strong}>Used:</strong> {used}</P>
          {forecast
            ? <P><strong style={mailStyles.strong}>Forecast for the month:</strong> {forecast}</P>
            : <P>Too early in the month to forecast{f.runsOutActual && runsOut ? `; hours ran out on ${runsOut}` : ""}.</P>}
          {overage && <P>At this pace, overage would be about <strong style={mailStyles.strong}>{overage}</strong>.</P>}
        </EmailLayout>
      ),
    }),
  };
}

/**
 * To an owner when a payment attempt failed (Stripe's invoice.payment_failed). Its key starts with
 * `paymentFailedKeyPrefix(invoiceId)`, so a payment or a void that arrives before it is sent withdraws it.
 */
export function paymentFailedMail(opts: {
  to: string; clientId: string; clientName: string; invoiceId: string; eventId: string;
  number: string | null; totalCents: number; currency: string; payUrl: string | null;
}): MailDraft {
  const invoice = opts.number ? `invoice ${opts.number}` : "your invoice";
  const amount = formatMoney(opts.totalCents, opts.currency);
  return {
    kind: "invoice.payment_failed",
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `${paymentFailedKeyPrefix(opts.invoiceId)}${opts.eventId}:${opts.to}`,
    compose: (ctx) => {
      const invoicePage = portalUrl(ctx, `/clients/${opts.clientId}/invoices/${opts.invoiceId}`);
      return {
        subject: `${opts.clientName}: payment of ${invoice} failed`,
        body: (
          <EmailLayout
            ctx={ctx}
            preview={`The payment of ${amount} did not go through.`}
            heading={`The payment of ${invoice} failed`}
            action={opts.payUrl ? { label: "Pay the invoice", href: opts.payUrl } : { label: "Open the invoice", href: invoicePage }}
            reason={`You own ${opts.clientName}'s account in ${ctx.practiceName}'s client portal.`}
          >
            <P>The payment of <strong style={mailStyles.strong}>{amount}</strong> for {invoice} of {opts.clientName} did not go through.</P>
            {opts.payUrl
              ? <P>You can pay it with the button below. The invoice is also in the portal: <A href={invoicePage}>{invoicePage}</A></P>
              : <P>You can pay it from the invoice's page in the portal.</P>}
          </EmailLayout>
        ),
      };
    },
  };
}

export const paymentFailedKeyPrefix = (invoiceId: string) => `payment_failed:${invoiceId}:`;


// The invoice mails live apart (no Markdown renderer on the close's path); every template is still here by name.
export { invoiceIssuedMail, invoiceReminderKeyPrefix, invoiceReminderMail } from "@/lib/mail/invoice-mails";
export { digestMail, noticeMail } from "@/lib/mail/notice-mails";

/**
 * To each owner when the engineer asks for extra hours in a month (issue 23): what for, how many, at what price,
 * and the link to decide in the portal (signed in, as every decision).
 */
export function extraHoursRequestedMail(opts: {
  to: string; clientId: string; clientName: string; requestId: string; month: string; minutes: number; reason: string;
  price: { quotedCents: number } | { rateCentsPerHour: number }; currency: string; requestedBy: string;
  /** This owner's signed decision links (lib/extra-hours/link): each opens a page that asks them to be signed in. */
  links: { approve: string; decline: string };
}): MailDraft {
  const month = formatMonth(opts.month);
  const price = "quotedCents" in opts.price
    ? `${formatMoney(opts.price.quotedCents, opts.currency)} for the ${formatMinutes(opts.minutes)}, quoted (billed for the part used)`
    : `your overage rate, ${formatMoney(opts.price.rateCentsPerHour, opts.currency)} an hour, for the hours used`;
  return {
    kind: "extra_hours.requested",
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `extra_hours:${opts.requestId}:${opts.to}`,
    compose: (ctx) => ({
      subject: `${opts.clientName}: approve ${formatMinutes(opts.minutes)} of extra hours in ${month}?`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`${opts.requestedBy} asks for ${formatMinutes(opts.minutes)} more in ${month}.`}
          heading={`Approve ${formatMinutes(opts.minutes)} of extra hours in ${month}?`}
          action={{ label: "Approve or decline in the portal", href: portalUrl(ctx, `/clients/${opts.clientId}/extra-hours#r-${opts.requestId}`) }}
          reason={`You own ${opts.clientName}'s account in ${ctx.practiceName}'s client portal.`}
        >
          <P>{opts.requestedBy} asks for {formatMinutes(opts.minutes)} beyond what {month} already allows:</P>
          <P><em>{opts.reason}</em></P>
          <P><strong style={mailStyles.strong}>Price:</strong> {price}.</P>
          <P>
            Decide from here: <A href={portalUrl(ctx, opts.links.approve)}>Approve {formatMinutes(opts.minutes)}</A>
            {" · "}<A href={portalUrl(ctx, opts.links.decline)}>Decline</A> (each asks you to sign in first, and works for 14 days).
          </P>
          <P>Nothing changes until an owner approves. Declined or left open until the month closes, the hours are not added.</P>
        </EmailLayout>
      ),
    }),
  };
}

/** To whoever asked, when an owner approved or declined their extra hours. */
export function extraHoursDecidedMail(opts: {
  to: string; clientId: string; clientName: string; requestId: string; month: string; minutes: number; approved: boolean; decidedBy: string;
  poNumber: string | null; note: string | null;
}): MailDraft {
  const month = formatMonth(opts.month);
  const verb = opts.approved ? "approved" : "declined";
  return {
    kind: `extra_hours.${verb}`,
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `extra_hours:${opts.requestId}:${verb}:${opts.to}`,
    compose: (ctx) => ({
      subject: `${opts.clientName} ${verb} ${formatMinutes(opts.minutes)} of extra hours in ${month}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`${opts.decidedBy} ${verb} your request.`}
          heading={`${opts.decidedBy} ${verb} ${formatMinutes(opts.minutes)} of extra hours in ${month}`}
          action={{ label: "See the request", href: portalUrl(ctx, `/clients/${opts.clientId}/extra-hours#r-${opts.requestId}`) }}
          reason={`You asked ${opts.clientName} for these hours in ${ctx.practiceName}'s client portal.`}
        >
          {opts.approved
            ? <P>{month}&apos;s ceiling is {formatMinutes(opts.minutes)} higher: logging into these hours asks no confirmation.</P>
            : <P>{month}&apos;s ceiling is unchanged.</P>}
          {opts.poNumber && <P><strong style={mailStyles.strong}>PO number:</strong> {opts.poNumber}</P>}
          {opts.note && <P><em>{opts.note}</em></P>}
        </EmailLayout>
      ),
    }),
  };
}

/** To the client's engineers when an owner questions an entry before it is billed (issue 23). */
export function entryQuestionedMail(opts: {
  to: string; clientId: string; clientName: string; questionId: string; month: string; askedBy: string; entryDate: string; entryMinutes: number;
  entryDescription: string; body: string;
}): MailDraft {
  return {
    kind: "entry.questioned",
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `question:${opts.questionId}:${opts.to}`,
    compose: (ctx) => ({
      subject: `${opts.clientName}: ${opts.askedBy} questions an entry of ${formatMonth(opts.month)}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`${opts.askedBy} asks about ${formatMinutes(opts.entryMinutes)} on ${longDate(opts.entryDate)}.`}
          heading={`${opts.askedBy} questions an entry`}
          action={{ label: "Answer in the portal", href: portalUrl(ctx, `/clients/${opts.clientId}/hours?month=${opts.month.slice(0, 7)}#q-${opts.questionId}`) }}
          reason={`You work on ${opts.clientName}'s account in ${ctx.practiceName}'s client portal.`}
        >
          <P><strong style={mailStyles.strong}>{longDate(opts.entryDate)} · {formatMinutes(opts.entryMinutes)}:</strong> {opts.entryDescription}</P>
          <P><em>{opts.body}</em></P>
          <P>Answer with an explanation, or fix the entry (edit, void or correct it), then mark the question resolved. The month closes after its review window either way.</P>
        </EmailLayout>
      ),
    }),
  };
}

/** To the owner who asked, when someone answers their question on an entry. */
export function entryQuestionAnsweredMail(opts: {
  to: string; clientId: string; clientName: string; questionId: string; month: string; answeredBy: string; body: string; resolved: boolean;
}): MailDraft {
  return {
    kind: "entry.question_answered",
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `question:${opts.questionId}:answer:${opts.body.length}:${opts.resolved}:${opts.to}`,
    compose: (ctx) => ({
      subject: `${opts.clientName}: ${opts.answeredBy} answered your question${opts.resolved ? " and resolved it" : ""}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={`${opts.answeredBy} answered your question about an entry of ${formatMonth(opts.month)}.`}
          heading={`${opts.answeredBy} answered your question`}
          action={{ label: "See the answer", href: portalUrl(ctx, `/clients/${opts.clientId}/hours?month=${opts.month.slice(0, 7)}#q-${opts.questionId}`) }}
          reason={`You asked about this entry in ${ctx.practiceName}'s client portal.`}
        >
          <P><em>{opts.body}</em></P>
          {opts.resolved && <P>They marked the question resolved. Reply there if it is not.</P>}
        </EmailLayout>
      ),
    }),
  };
}
