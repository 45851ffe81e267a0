import type { ReactNode } from "react";
import ReactMarkdown from "react-markdown";
import { isPortalHref, MARKDOWN_OPTIONS } from "@/lib/format/markdown";

// Markdown written by people (or drafted by Claude), rendered safely: raw HTML is never rendered (skipHtml),
// images show as their alt text, unsafe URL schemes (javascript:, data:) are removed by react-markdown's
// default URL transform. Links are live only to the portal's own pages (a relative path) unless the caller
// opts into external links; any other link, including one GFM finds in a bare address, renders as plain
// text. So a stored update can never show a live link to another site, whatever its Markdown says.

// The policy (options and isPortalHref) is lib/format/markdown's, which the emails share. With `diagram` (the
// handbook passes components/handbook/mermaid-diagram, sanitized SVG), a ```mermaid block is drawn by it; other
// pages never load it. With `image`, a page draws the images it allows (the handbook: its page's own attachments).

/** The text of a ```mermaid block (a hast <pre><code class="language-mermaid">), or null for any other block. */
function mermaidSource(node: unknown): string | null {
  const code = (node as { children?: { tagName?: string; properties?: { className?: unknown }; children?: { value?: string }[] }[] })?.children?.[0];
  const classes = code?.properties?.className;
  if (code?.tagName !== "code" || !Array.isArray(classes) || !classes.includes("language-mermaid")) return null;
  return (code.children ?? []).map((c) => c.value ?? "").join("");
}

export function Markdown({ children, links = "portal", diagram, image }: {
  children: string; links?: "portal" | "any"; diagram?: (source: string) => ReactNode;
  /** Draws an image the page allows (the handbook: its own attachments), or null for its alt text as every page shows it. */
  image?: (src: string | undefined, alt: string) => ReactNode | null;
}) {
  return (
    <div className="prose-sm space-y-3 text-sm leading-6 text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:text-base [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_ul]:list-disc [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600">
      <ReactMarkdown
        {...MARKDOWN_OPTIONS}
        components={{
          a: ({ href, children: text }) =>
            isPortalHref(href) ? <a href={href}>{text}</a>
              : links === "any" && href ? <a href={href} target="_blank" rel="noopener noreferrer nofollow">{text}</a>
                : <span>{text}</span>,
          img: ({ src, alt }) => image?.(typeof src === "string" ? src : undefined, alt ?? "") ?? <span>[image: {alt}]</span>,
          ...(diagram ? {
            pre: ({ node, children: block }) => {
              const source = mermaidSource(node);
              return source === null ? <pre>{block}</pre> : diagram(source);
            },
          } : {}),
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
