import type { Metadata } from "next";
import Link from "next/link";
import { AddWebhookForm } from "@/components/settings/webhook-form";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { formatInstant } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewWebhooks } from "@/lib/pages/webhooks";
import { addWebhookAction, redeliverWebhookAction, removeWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const VERIFY = `// Node: verify a delivery before trusting it
import { createHmac, timingSafeEqual } from "node:crypto";
const [t, v1] = req.headers["webhook-signature"].split(",").map((p) => p.split("=")[1]);
const expected = createHmac("sha256", SECRET).update(\`\${t}.\${rawBody}\`).digest("hex");
const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300;
if (!fresh || !timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(expected, "hex"))) reject();
// Deliveries come at least once: skip a Webhook-Id you have already handled.`;

const statusTone = { delivered: "green", pending: "amber", failed: "red" } as const;

// GET /settings/webhooks — where the practice's events go: endpoints, their events, and the delivery log. Admins only.
export default async function WebhooksPage() {
  const session = await authorizePage("admin");
  const { endpoints, deliveries } = await viewWebhooks(session);
  const zone = session.viewer.timezone ?? "UTC";
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell your other systems when something happens: each event is POSTed as JSON, signed, at least once and in order per endpoint, retried for a day when the receiver is down."
        actions={<Link href="/settings" className="text-sm font-medium text-brand-700 hover:underline">Practice settings</Link>}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Add an endpoint">
          <AddWebhookForm action={addWebhookAction} />
        </Card>
        <div className="flex min-w-0 flex-col gap-6">
          <Card title={`Endpoints (${endpoints.length})`}>
            {endpoints.length === 0 ? (
              <p className="text-sm text-slate-600">No endpoints yet. Add one to start sending events.</p>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Endpoints">
                {endpoints.map((e) => (
                  <li key={e.id} className="flex flex-col gap-2 py-3 text-sm sm:flex-row sm:items-start sm:justify-between">
                    <div className="min-w-0">
                      <p className="break-all font-medium text-slate-900">{e.url}</p>
                      {e.description && <p className="text-xs text-slate-600">{e.description}</p>}
                      <p className="text-xs text-slate-500">{e.events.join(", ")}</p>
                      {(e.pending > 0 || e.failed > 0) && <p className="text-xs text-amber-800">{e.pending} waiting · {e.failed} failed</p>}
                    </div>
                    <Confirm label="Remove…" ariaLabel={`Remove ${e.url}`} tone="secondary">
                      <ActionForm action={removeWebhookAction} ariaLabel={`Remove ${e.url}`} className="space-y-3">
                        <input type="hidden" name="endpointId" value={e.id} />
                        <p className="text-sm text-slate-700">Nothing more is sent to {e.url}, and its delivery log goes with it.</p>
                        <SubmitButton variant="danger" pendingLabel="Removing…">Remove endpoint</SubmitButton>
                      </ActionForm>
                    </Confirm>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Verifying a delivery">
            <p className="text-sm text-slate-600">
              Each POST carries <code className="font-mono text-xs">Webhook-Id</code>, <code className="font-mono text-xs">Webhook-Timestamp</code> and{" "}
              <code className="font-mono text-xs">Webhook-Signature: t=&lt;unix&gt;,v1=&lt;HMAC-SHA256 of &quot;t.body&quot;&gt;</code>, keyed by the endpoint&apos;s secret.
            </p>
            <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100" tabIndex={0} aria-label="Verification example"><code>{VERIFY}</code></pre>
          </Card>
        </div>
      </div>
      <Card title="Recent deliveries" className="mt-6">
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing sent yet. Each event your endpoints receive is listed here with what the receiver answered.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Recent deliveries">
            {deliveries.map((d) => (
              <li key={d.id} className="flex flex-col gap-2 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p><span className="font-mono text-xs text-slate-900">{d.event}</span> <Badge tone={statusTone[d.status]}>{d.status}</Badge></p>
                  <p className="break-all text-xs text-slate-500">{d.url}</p>
                  <p className="text-xs text-slate-500">
                    {formatInstant(d.createdAt, zone)} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
                    {d.lastStatus ? ` · answered ${d.lastStatus}` : ""}{d.lastError && d.status !== "delivered" ? ` · ${d.lastError}` : ""}
                    {d.status === "pending" && d.attempts > 0 ? ` · next try ${formatInstant(d.nextAttemptAt, zone)}` : ""}
                  </p>
                </div>
                {d.status !== "pending" && (
                  <ActionForm action={redeliverWebhookAction} className="shrink-0">
                    <input type="hidden" name="deliveryId" value={d.id} />
                    <SubmitButton variant="secondary" pendingLabel="Queuing…" ariaLabel={`Send again: ${d.event}`}>Send again</SubmitButton>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
