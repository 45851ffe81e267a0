// Renders a draft (lib/mail/templates) into what the outbox stores: the subject, the HTML body and a plain-text
// body read off that same HTML (react-email's render), so the two versions never say different things.
import "server-only";
import { render, toPlainText } from "@react-email/render";
import type { MailContext, MailDraft } from "@/lib/mail/templates";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

// Plain text a person reads: headings as written (not upper-cased), lists with dashes, no wrapping (mail
// clients wrap), links as "label address".
const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 1 } }));
const TEXT_OPTIONS = {
  selectors: [
    ...HEADINGS,
    { selector: "ul", options: { itemPrefix: "- " } },
    // Layout tables (react-email's containers and button rows) are blocks of text, not data.
    { selector: "table", format: "block" },
    { selector: "tr", format: "block" },
    { selector: "td", format: "block" },
  ],
};

export async function renderMail(draft: MailDraft, ctx: MailContext): Promise<RenderedMail> {
  const { subject, body } = draft.compose(ctx);
  const html = await render(body);
  const text = toPlainText(html, TEXT_OPTIONS);
  // A subject is one line: a line break in a name must not start a new header.
  return { subject: subject.replace(/\s+/g, " ").trim().slice(0, 300), html, text: text.trim() };
}
