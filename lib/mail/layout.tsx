// The one frame every email is drawn in (react-email components: tables and inline styles that mail clients
// render alike): the practice's name on top, a heading, the body, one button to the page the email is
// about, and a footer naming why it came and linking to the person's email preferences. Every string is
// rendered as React text or an attribute, so people's words (client names, update bodies) are escaped.
import "server-only";
import type { CSSProperties, ReactElement, ReactNode } from "react";
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";

/** What every email knows besides its own facts: whose portal it is and where it lives. */
export interface MailContext {
  /** The practice's name, from practice_settings. */
  practiceName: string;
  /** The portal's address (APP_URL), without a trailing slash: every link in an email is absolute. */
  appUrl: string;
}

/** Where a person chooses how they hear of notifications (immediately, a daily digest, or off): their account page. */
export const EMAIL_PREFERENCES_PATH = "/account#notifications";

/** An absolute URL on the portal for a path such as "/clients/…". */
export const portalUrl = (ctx: MailContext, path: string) => `${ctx.appUrl.replace(/\/+$/, "")}${path}`;

// Colours of the app (app/globals.css brand-700 and the slate scale) in hex, which every client understands.
const BRAND = "#183db2";
const INK = "#0f172a";
const BODY_TEXT = "#334155";
const MUTED = "#64748b";
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const mailStyles = {
  text: { fontSize: "15px", lineHeight: "24px", color: BODY_TEXT, margin: "0 0 16px" },
  small: { fontSize: "13px", lineHeight: "20px", color: MUTED, margin: "0 0 8px" },
  link: { color: BRAND, textDecoration: "underline" },
  strong: { color: INK, fontWeight: 600 },
  code: {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: "32px", lineHeight: "40px",
    letterSpacing: "6px", fontWeight: 700, color: INK, backgroundColor: "#f1f5f9", borderRadius: "8px",
    padding: "12px 16px", margin: "0 0 16px", textAlign: "center",
  },
  subheading: { fontSize: "16px", lineHeight: "24px", fontWeight: 600, color: INK, margin: "24px 0 8px" },
  list: { fontSize: "15px", lineHeight: "24px", color: BODY_TEXT, margin: "0 0 16px", paddingLeft: "20px" },
  quote: { borderLeft: `3px solid #cbd5e1`, paddingLeft: "12px", color: MUTED, margin: "0 0 16px" },
} satisfies Record<string, CSSProperties>;

export function P({ children }: { children: ReactNode }) {
  return <Text style={mailStyles.text}>{children}</Text>;
}

export function A({ href, children }: { href: string; children: ReactNode }) {
  return <Link href={href} style={mailStyles.link}>{children}</Link>;
}

export interface LayoutProps {
  ctx: MailContext;
  /** The line inbox lists show after the subject. Never a secret: lock screens show it too. */
  preview: string;
  heading: string;
  /** The one button: the page the email is about. */
  action: { label: string; href: string };
  /** Why this person got it, e.g. "You're a member of Kiwi Freight Co. in Northwind's client portal." */
  reason: string;
  children: ReactNode;
}

export function EmailLayout({ ctx, preview, heading, action, reason, children }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: FONT, margin: 0, padding: "24px 0" }}>
        <Container style={{ maxWidth: "560px", width: "100%", margin: "0 auto", padding: "0 12px" }}>
          <Text style={{ fontSize: "15px", lineHeight: "24px", fontWeight: 700, color: BRAND, margin: "0 0 12px", padding: "0 4px" }}>
            {ctx.practiceName}
          </Text>
          <Section style={{ backgroundColor: "#ffffff", borderRadius: "12px", border: "1px solid #e2e8f0", padding: "28px 24px" }}>
            <Heading as="h1" style={{ fontSize: "22px", lineHeight: "30px", fontWeight: 700, color: INK, margin: "0 0 16px" }}>{heading}</Heading>
            {children}
            <Section style={{ margin: "24px 0 8px" }}>
              <Button
                href={action.href}
                style={{ backgroundColor: BRAND, color: "#ffffff", fontSize: "15px", fontWeight: 600, borderRadius: "8px", padding: "12px 20px", textDecoration: "none", display: "inline-block" }}
              >
                {action.label}
              </Button>
            </Section>
            {/* The plain-text version already prints the address after the button's label. */}
            <Text style={mailStyles.small} data-skip-in-text="true">
              Or open this address: <A href={action.href}>{action.href}</A>
            </Text>
          </Section>
          <Section style={{ padding: "16px 4px 0" }}>
            <Text style={mailStyles.small}>{reason}</Text>
            <Text style={mailStyles.small}>
              <A href={portalUrl(ctx, EMAIL_PREFERENCES_PATH)}>Email preferences</A>
              {" · "}Sent by {ctx.practiceName} through its client portal.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** One email before rendering: who gets it, its outbox bookkeeping, and how to compose it for a practice. */
export interface MailDraft {
  kind: string;
  to: string;
  clientId?: string | null;
  /** At most one email per key; a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
  /** An invoice whose PDF the sender renders and attaches when it sends the email. */
  attachInvoiceId?: string;
  /** Where replies go (an update's signed reply address, lib/updates/reply-address). */
  replyTo?: string;
  compose(ctx: MailContext): { subject: string; body: ReactElement };
}
