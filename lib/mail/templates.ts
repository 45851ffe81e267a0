import type { Mail } from "@/lib/mail/outbox";

export function invitationMail(opts: { to: string; clientName: string; role: string; link: string; inviter: string; clientId: string }): Mail {
  return {
    kind: "invitation",
    clientId: opts.clientId,
    to: opts.to,
    subject: `${opts.inviter} invited you to ${opts.clientName} on Retainer Portal`,
    text:
      `${opts.inviter} invited you to join ${opts.clientName} as ${opts.role === "owner" ? "an owner" : "a member"}.\n\n` +
      `Open this link to accept and sign in (it works once, for 7 days):\n${opts.link}\n\n` +
      `You'll see hours used, the roadmap and weekly updates${opts.role === "owner" ? ", plus invoices" : ""}.`,
  };
}
