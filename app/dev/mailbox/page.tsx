import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { asService } from "@/lib/db";
import { devMailboxEnabled } from "@/lib/platform/env";
import { formatInstant } from "@/lib/format";
import { recentMail } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

// GET /dev/mailbox — every email the app queued, newest first, in its HTML version and its plain-text one.
// Exists only under `next dev` or with DEV_MAILBOX=1: it shows sign-in codes, so a production build never
// serves it by default.
/** Links in the framed email navigate this tab, as they would leave a mail client for the browser. */
const withTopTarget = (html: string) => html.replace(/<head>/i, '<head><base target="_top">');

export default async function DevMailbox({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!devMailboxEnabled()) notFound();
  const { to } = await searchParams;
  const mail = (await asService((tx) => recentMail(tx, { limit: 100 }))).filter((m) => !to || m.to_email === to.toLowerCase());

  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Dev mailbox</h1>
          <p className="mt-1 text-sm text-slate-600">
            Emails the app queued{to ? <> to <strong>{to}</strong></> : ""}, newest first. Local development only.
          </p>
        </div>
        <div className="flex gap-3 text-sm">
          {to && <Link href="/dev/mailbox" className="underline">Show all</Link>}
          <Link href="/login" className="font-medium text-brand-700 underline">Back to sign in</Link>
        </div>
      </div>
      {mail.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">No emails yet.</p>
      ) : (
        <ol className="space-y-3">
          {mail.map((m) => (
            <li key={m.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <article aria-label={m.subject}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="font-medium text-slate-900">{m.subject}</h2>
                  <time className="text-xs text-slate-500" dateTime={m.created_at.toISOString()}>
                    {formatInstant(m.created_at, "UTC")}
                  </time>
                </div>
                <p className="text-sm text-slate-600">To {m.to_email}</p>
                {m.body_html && (
                  // The HTML version as a mail client shows it: sandboxed (no scripts, no same origin); a link
                  // opens in this tab (base target) once clicked.
                  <iframe
                    title={`HTML version: ${m.subject}`}
                    sandbox="allow-top-navigation-by-user-activation"
                    srcDoc={withTopTarget(m.body_html)}
                    className="mt-3 h-[32rem] w-full resize-y rounded border border-slate-200 bg-slate-100"
                  />
                )}
                <details className="mt-3" open={!m.body_html}>
                  <summary className="cursor-pointer text-sm font-medium text-slate-700">Plain-text version</summary>
                  <pre aria-label="Plain-text version" className="mt-2 whitespace-pre-wrap break-words font-sans text-sm text-slate-800">{m.body_text}</pre>
                </details>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
