// POST /api/cron/close-months — close every client's month once it has ended in the client's zone (CRON_SECRET).
import { NextResponse } from "next/server";
import { closeDueMonths } from "@/lib/billing/close";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { cronAuthorized } from "@/lib/auth/cron";
import { clockNow } from "@/lib/platform/clock";

export async function POST(request: Request) {
  if (!cronAuthorized(request)) return NextResponse.json({ error: "unauthorized" }, { status: 401 });
  const report = await closeDueMonths({ now: clockNow(), stripe: stripeConfigFromEnv() });
  return NextResponse.json(report);
}

export const GET = POST; // Vercel Cron calls with GET
