// How the portal renders Markdown that people (or Claude) wrote, shared by the pages (components/ui/markdown)
// and the emails (lib/mail/markdown): raw HTML is never rendered (skipHtml), unsafe URL schemes (javascript:,
// data:) are removed by react-markdown's default URL transform, images show as their alt text, and links are
// live only to the portal's own pages unless a page opts into external links.
import type { Options } from "react-markdown";
import remarkGfm from "remark-gfm";

/** react-markdown options both renderers use; each adds its own `components` for links, images and styling. */
export const MARKDOWN_OPTIONS = { remarkPlugins: [remarkGfm], skipHtml: true } satisfies Options;

/** A relative path on this site: "/clients/…", never "//host" or "/\host" (which browsers send elsewhere). */
export function isPortalHref(href: string | undefined): href is string {
  return typeof href === "string" && /^\/(?![/\\])/.test(href) && !/[\\\s]/.test(href);
}
