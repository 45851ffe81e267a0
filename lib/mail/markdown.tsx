// A weekly update's Markdown as email HTML: the pages' renderer (react-markdown) and policy
// (lib/format/markdown: no raw HTML, no unsafe schemes, links only to the portal), with inline styles mail
// clients keep. A portal link ("/clients/…") becomes absolute on APP_URL; any other link is plain text, as on
// the page. The plain-text version is read off this HTML, so it carries no Markdown markers.
import "server-only";
import ReactMarkdown from "react-markdown";
import { isPortalHref, MARKDOWN_OPTIONS } from "@/lib/format/markdown";
import { A, mailStyles, portalUrl, type MailContext } from "@/lib/mail/layout";

export function EmailMarkdown({ ctx, children }: { ctx: MailContext; children: string }) {
  return (
    <ReactMarkdown
      {...MARKDOWN_OPTIONS}
      components={{
        // Headings sit under the email's own h1, whatever level the Markdown chose.
        h1: ({ children: text }) => <h2 style={mailStyles.subheading}>{text}</h2>,
        h2: ({ children: text }) => <h2 style={mailStyles.subheading}>{text}</h2>,
        h3: ({ children: text }) => <h3 style={mailStyles.subheading}>{text}</h3>,
        h4: ({ children: text }) => <h3 style={mailStyles.subheading}>{text}</h3>,
        h5: ({ children: text }) => <h3 style={mailStyles.subheading}>{text}</h3>,
        h6: ({ children: text }) => <h3 style={mailStyles.subheading}>{text}</h3>,
        p: ({ children: text }) => <p style={mailStyles.text}>{text}</p>,
        ul: ({ children: items }) => <ul style={mailStyles.list}>{items}</ul>,
        ol: ({ children: items }) => <ol style={mailStyles.list}>{items}</ol>,
        li: ({ children: text }) => <li style={{ margin: "0 0 4px" }}>{text}</li>,
        strong: ({ children: text }) => <strong style={mailStyles.strong}>{text}</strong>,
        blockquote: ({ children: text }) => <blockquote style={mailStyles.quote}>{text}</blockquote>,
        a: ({ href, children: text }) => (isPortalHref(href) ? <A href={portalUrl(ctx, href)}>{text}</A> : <span>{text}</span>),
        img: ({ alt }) => <span>[image: {alt}]</span>,
      }}
    >
      {children}
    </ReactMarkdown>
  );
}
