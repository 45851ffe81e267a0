// The notification mails (issue 23): a plain notice for an event that has no email of its own, and the daily
// digest. Apart from lib/mail/templates for the same reason as the invoice mails: notify() runs inside the month
// close and the payment webhooks, so this module pulls in no Markdown renderer (the crash suite imports the close
// outside Next).
import "server-only";
import { Text } from "@react-email/text";
import { formatDate } from "@/lib/format";
import { A, EmailLayout, mailStyles, portalUrl, type MailDraft } from "@/lib/mail/layout";

const longDate = (d: string) => formatDate(d, { month: "long", day: "numeric", year: "numeric" });

/**
 * A notification that has no email of its own (a proposal, a comment on a roadmap item), to whoever hears of it
 * immediately: what happened, the excerpt, and where to look.
 */
export function noticeMail(opts: { to: string; clientId: string; clientName: string; kind: string; key: string; title: string; body: string; href: string }): MailDraft {
  return {
    kind: opts.kind,
    clientId: opts.clientId,
    to: opts.to,
    dedupeKey: `notice:${opts.key}:${opts.to}`,
    compose: (ctx) => ({
      subject: `${opts.clientName}: ${opts.title}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={opts.body.slice(0, 140) || opts.title}
          heading={opts.title}
          action={{ label: "Open it in the portal", href: portalUrl(ctx, opts.href) }}
          reason={`You take part in ${opts.clientName}'s account in ${ctx.practiceName}'s client portal.`}
        >
          {opts.body && <Text style={mailStyles.quote}>{opts.body}</Text>}
        </EmailLayout>
      ),
    }),
  };
}

/** The daily digest (issue 23): everything that happened since the last one, by client, sent at 08:00 in the person's zone. */
export function digestMail(opts: {
  to: string; userId: string; day: string; items: { clientName: string; title: string; body: string; href: string }[];
}): MailDraft {
  const clients = [...new Set(opts.items.map((i) => i.clientName))];
  const n = opts.items.length;
  return {
    kind: "notifications.digest",
    to: opts.to,
    dedupeKey: `digest:${opts.userId}:${opts.day}`,
    compose: (ctx) => ({
      subject: `Your daily summary: ${n} ${n === 1 ? "thing" : "things"} from ${clients.length === 1 ? clients[0] : `${clients.length} clients`}`,
      body: (
        <EmailLayout
          ctx={ctx}
          preview={opts.items.slice(0, 2).map((i) => i.title).join(" · ")}
          heading={`What happened since yesterday, ${longDate(opts.day)}`}
          action={{ label: "Open your inbox", href: portalUrl(ctx, "/inbox") }}
          reason={`You chose a daily summary in ${ctx.practiceName}'s client portal instead of an email for each.`}
        >
          {clients.map((client) => (
            <div key={client}>
              <Text style={mailStyles.subheading}>{client}</Text>
              <ul style={mailStyles.list}>
                {opts.items.filter((i) => i.clientName === client).map((i, k) => (
                  <li key={k}>
                    <A href={portalUrl(ctx, i.href)}>{i.title}</A>
                    {i.body && <>{" — "}<span style={{ color: "#64748b" }}>{i.body.length > 160 ? `${i.body.slice(0, 159)}…` : i.body}</span></>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </EmailLayout>
      ),
    }),
  };
}
