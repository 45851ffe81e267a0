// Delivers the outbox over SMTP (SMTP_URL). Safe on every instance at once: rows are claimed with
// `for update skip locked`, each send is recorded, failures back off exponentially and give up after 8 tries.
import nodemailer, { type Transporter } from "nodemailer";
import { asService } from "@/lib/db";
import { claimDueMail, markMailSent, recordMailFailure } from "@/lib/db/outbox";
import { invoicePdfForMail } from "@/lib/pages/pdf";
import { logger } from "@/lib/platform/log";

const log = logger("mail.send");
const MAX_ATTEMPTS = 8;

/**
 * How the app reaches SMTP_URL: `smtps://` is TLS from the first byte; `smtp://` to another host must upgrade with
 * STARTTLS or fail (nodemailer would otherwise send in plain text to a server that offers no STARTTLS, ASVS
 * 12.3.1). Only a relay on this host (loopback) may speak plain SMTP, or any host outside production.
 */
export function smtpOptions(url: string, production = process.env.NODE_ENV === "production"): { url: string; requireTLS: boolean } {
  const { protocol, hostname } = new URL(url);
  const loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(hostname);
  return { url, requireTLS: protocol === "smtp:" && production && !loopback };
}

let cached: { url: string; transport: Transporter } | undefined;
function transport(url: string): Transporter {
  if (cached?.url !== url) {
    const { requireTLS } = smtpOptions(url);
    cached = { url, transport: nodemailer.createTransport(requireTLS ? `${url}${url.includes("?") ? "&" : "?"}requireTLS=true` : url) };
  }
  return cached.transport;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** Sends up to `limit` due emails. Without SMTP_URL there is nowhere to send: returns zeros. */
export async function deliverPending(opts: { smtpUrl?: string; from: string; limit?: number }): Promise<DeliveryReport> {
  const report = { sent: 0, failed: 0 };
  if (!opts.smtpUrl) return report;
  const mailer = transport(opts.smtpUrl);
  for (let i = 0; i < (opts.limit ?? 50); i++) {
    const done = await asService(async (tx) => {
      const mail = await claimDueMail(tx);
      if (!mail) return false;
      try {
        // An invoice's PDF is rendered now, from the invoice as stored (the row names it; it holds no binary).
        const pdf = mail.attach_invoice_id ? await invoicePdfForMail(mail.attach_invoice_id) : null;
        await mailer.sendMail({
          from: opts.from, to: mail.to_email, subject: mail.subject, text: mail.body_text, html: mail.body_html ?? undefined, replyTo: mail.reply_to ?? undefined,
          attachments: pdf ? [{ filename: pdf.filename, content: pdf.pdf, contentType: "application/pdf" }] : undefined,
        });
        await markMailSent(tx, { outboxId: mail.id });
        report.sent++;
      } catch (e) {
        const attempts = mail.attempts + 1;
        const giveUp = attempts >= MAX_ATTEMPTS;
        await recordMailFailure(tx, {
          outboxId: mail.id, attempts, error: String((e as Error).message).slice(0, 500), giveUp, retryInSeconds: Math.min(3600, 30 * 2 ** attempts),
        });
        log.warn({ outboxId: mail.id, attempts, err: e }, giveUp ? "mail failed for good" : "mail failed, will retry");
        report.failed++;
      }
      return true;
    });
    if (!done) break;
  }
  return report;
}
