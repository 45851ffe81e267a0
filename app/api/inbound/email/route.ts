// POST /api/inbound/email — replies to update emails, as your mail provider's inbound webhook delivers them: the raw
// message (RFC 5322) as the body, with `Authorization: Bearer $INBOUND_EMAIL_SECRET`. A reply from the person the
// update went to becomes a comment on it (lib/inbound/reply); anything else is refused with the reason, and answered
// 200 all the same so the provider does not retry it. Unset secret or a wrong one: 401.
import { bearerMatches } from "@/lib/auth/cron";
import { refusedBearer } from "@/lib/auth/events";
import { errorResponse } from "@/lib/commands/route";
import { receiveReply } from "@/lib/inbound/reply";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

export const maxDuration = 30;

const MAX_BYTES = 1024 * 1024;

export async function POST(request: Request) {
  if (!bearerMatches(request.headers.get("authorization"), env().INBOUND_EMAIL_SECRET)) {
    await refusedBearer("inbound mail", "a message without the inbound-mail secret");
    return errorResponse(new AppError("unauthenticated", "unauthorized: send Authorization: Bearer $INBOUND_EMAIL_SECRET"));
  }
  const raw = Buffer.from(await request.arrayBuffer());
  if (raw.length > MAX_BYTES) return errorResponse(new AppError("too_large", "That message is too large (over 1 MB)."));
  if (raw.length === 0) return errorResponse(new AppError("invalid", "Send the raw message as the body."));
  return Response.json(await receiveReply(raw));
}
