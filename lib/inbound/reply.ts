import "server-only";
// A reply to an update's email becomes a comment on the update (issue 23). The raw message is parsed with
// mailparser; its reply address must carry a token we signed (lib/updates/reply-address) for a notification of
// a published update; the sender's address must be the one that notification's email went to, and that person must
// still be a member of the client. Automatic replies, forwarded mail from anyone else, and empty replies are
// refused. The text above the quoted email (email-reply-parser) is the comment; a second delivery of the same
// message (its Message-ID) adds nothing. Every message and its outcome is recorded.
import EmailReplyParser from "email-reply-parser";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { asService, type Tx } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { recordInbound, replyAlreadyTaken, replyTarget } from "@/lib/db/inbound";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";
import { commentOnUpdate } from "@/lib/updates/comments";
import { notificationOfToken, tokenInAddress } from "@/lib/updates/reply-address";

const log = logger("inbound");

export type ReplyOutcome = { outcome: "comment"; commentId: string } | { outcome: "duplicate" } | { outcome: "refused"; reason: string };

const MAX_COMMENT = 5000;

const addressesOf = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? "")).filter(Boolean);

function headerText(mail: ParsedMail, name: string): string {
  const v = mail.headers.get(name);
  return typeof v === "string" ? v : v && typeof v === "object" && "value" in v ? String((v as { value: unknown }).value) : "";
}

/** Whether the message says it was sent by a machine (an out-of-office, a bounce, a list). */
function automatic(mail: ParsedMail): boolean {
  const auto = headerText(mail, "auto-submitted").toLowerCase();
  const precedence = headerText(mail, "precedence").toLowerCase();
  return (auto !== "" && auto !== "no") || ["bulk", "junk", "list", "auto_reply"].includes(precedence) || mail.headers.has("x-autoreply") || mail.headers.has("x-autorespond");
}

export async function receiveReply(raw: Buffer): Promise<ReplyOutcome> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 1_000_000 });
  } catch {
    return refuse(null, null, null, "The message could not be read as an email.");
  }
  const messageId = mail.messageId ?? null;
  const from = addressesOf(mail.from)[0]?.toLowerCase() ?? null;
  if (automatic(mail)) return refuse(null, messageId, from, "An automatic reply (out of office, bounce or list mail).");
  const recipients = [...addressesOf(mail.to), ...addressesOf(mail.cc), headerText(mail, "delivered-to"), headerText(mail, "x-original-to")].filter(Boolean);
  const token = recipients.map((a) => tokenInAddress(a)).find((t) => t !== null) ?? null;
  if (!token) return refuse(null, messageId, from, "Not sent to a reply address.");
  const notificationId = notificationOfToken(token);
  if (!notificationId) return refuse(null, messageId, from, "The reply address is not one we gave out.");

  return asService(async (tx) => {
    const target = await replyTarget(tx, { notificationId });
    const updateId = target?.kind === "update.published" ? /^update:([0-9a-f-]{36}):/.exec(target.dedupeKey)?.[1] : undefined;
    if (!target || !updateId) return refuseIn(tx, null, messageId, from, "The reply address names no update.");
    if (!from || from !== target.email.toLowerCase()) return refuseIn(tx, target.clientId, messageId, from, "The sender is not the person the update was sent to.");
    if (!target.member) return refuseIn(tx, target.clientId, messageId, from, "The sender is no longer a member of the client.");
    if (messageId && (await replyAlreadyTaken(tx, { messageId }))) return { outcome: "duplicate" as const };
    const text = (mail.text ?? "").replace(/\r\n/g, "\n");
    const visible = new EmailReplyParser().read(text).getVisibleText().trim();
    if (!visible) return refuseIn(tx, target.clientId, messageId, from, "The reply has no text above the quoted email.");
    const body = visible.length > MAX_COMMENT ? `${visible.slice(0, MAX_COMMENT - 1)}…` : visible;
    const client = await getClient(tx, { clientId: target.clientId });
    if (!client) return refuseIn(tx, target.clientId, messageId, from, "The client is gone.");
    let commentId: string;
    try {
      commentId = await commentOnUpdate(tx, { client, updateId, author: { userId: target.userId, name: target.name }, staff: false, body, via: "email" });
    } catch (e) {
      if (e instanceof AppError) return refuseIn(tx, target.clientId, messageId, from, "The update is no longer published.");
      throw e;
    }
    await recordInbound(tx, { row: { clientId: target.clientId, messageId, from, outcome: "comment", reason: null, commentId } });
    log.info({ clientId: target.clientId, commentId }, "email reply became a comment");
    return { outcome: "comment" as const, commentId };
  });
}

async function refuse(clientId: string | null, messageId: string | null, from: string | null, reason: string): Promise<ReplyOutcome> {
  await asService((tx) => recordInbound(tx, { row: { clientId, messageId, from, outcome: "refused", reason, commentId: null } }));
  log.warn({ clientId, reason }, "email reply refused");
  return { outcome: "refused", reason };
}

async function refuseIn(tx: Tx, clientId: string | null, messageId: string | null, from: string | null, reason: string): Promise<ReplyOutcome> {
  await recordInbound(tx, { row: { clientId, messageId, from, outcome: "refused", reason, commentId: null } });
  log.warn({ clientId, reason }, "email reply refused");
  return { outcome: "refused", reason };
}
