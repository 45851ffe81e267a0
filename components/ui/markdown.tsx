import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

// Markdown written by people, rendered safely: raw HTML is never rendered (react-markdown escapes it),
// unsafe URL schemes (javascript:, data:) are removed by its default URL transform, and links open
// without handing the portal to the target (noopener, noreferrer).
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-sm space-y-3 text-sm leading-6 text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:text-base [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_ul]:list-disc [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{
          a: ({ href, children: text }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">{text}</a>
          ),
          img: ({ alt }) => <span>[image: {alt}]</span>,
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
