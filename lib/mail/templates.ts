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

export function staffInvitationMail(opts: { to: string; practiceName: string; role: "admin" | "engineer"; link: string; inviter: string }): Mail {
  const as = opts.role === "admin" ? "an admin" : "an engineer";
  return {
    kind: "staff_invitation",
    clientId: null,
    to: opts.to,
    subject: `${opts.inviter} invited you to join ${opts.practiceName} on Retainer Portal`,
    text:
      `${opts.inviter} invited you to join ${opts.practiceName} as ${as}.\n\n` +
      `Open this link to accept and sign in (it works once, for 7 days):\n${opts.link}\n\n` +
      (opts.role === "admin"
        ? "As an admin you'll see every client, billing, the practice settings and the staff list."
        : "As an engineer you'll log time and keep the roadmap and weekly updates of the clients you're assigned."),
  };
}
