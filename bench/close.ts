// Closing the last month of 200 clients with the real close code, each invoice pushed to the in-repo Stripe double.
import postgres from "postgres";
import { closeMonth } from "@/lib/billing/close";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { startStripeDouble } from "../tests/doubles/stripe";
import { record } from "./report";

export async function measureClose(adminUrl: string) {
  const stripe = await startStripeDouble();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const clients = await admin<{ id: string; timezone: string }[]>`select id, timezone from public.clients where slug like 'bench-%' order by slug limit 200`;
  await admin.end();
  const cfg = { secretKey: "sk_test_bench", host: "127.0.0.1", port: stripe.port, protocol: "http" as const };
  const now = new Date();
  const t0 = performance.now();
  let pushed = 0;
  for (const c of clients) {
    const r = await closeMonth(c.id, addMonths(monthOf(localDate(now, c.timezone)), -1), { actorId: null, now, stripe: cfg });
    if (r.outcome === "closed" && r.pushed) pushed++;
  }
  const s = (performance.now() - t0) / 1000;
  if (pushed !== clients.length) throw new Error(`${pushed} of ${clients.length} months closed and pushed`);
  record(`close ${clients.length} clients' months, each invoice pushed to the Stripe double`, `${s.toFixed(1)} s total, ${((s * 1000) / clients.length).toFixed(0)} ms per client`,
    { target: "< 10 s", met: s < 10, key: "close_200", raw: { seconds: s, pushed } });
  await stripe.close();
}
