// POST /api/cron/send-mail — deliver due outbox email over SMTP (CRON_SECRET).
import { NextResponse } from "next/server";
import { cronAuthorized } from "@/lib/auth/cron";
import { env } from "@/lib/platform/env";
import { deliverPending } from "@/lib/mail/send";

export async function POST(request: Request) {
  if (!cronAuthorized(request)) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const report = await deliverPending({ smtpUrl: env().SMTP_URL, from: env().MAIL_FROM, limit: 200 });
  return NextResponse.json(report);
}
