"use client";
// A Mermaid diagram from a handbook page (issue 26), drawn in the browser: mermaid and DOMPurify load only on a page
// that has a diagram. Mermaid runs at its strict security level (no click handlers, no HTML in labels: labels are
// SVG text) and its SVG is then sanitized again with DOMPurify's SVG profile, so a diagram can draw shapes and
// words and nothing else: no script, no event handler, no link, no foreign HTML. Until it is drawn, and if it
// cannot be, the diagram's source shows as text.
import { useEffect, useId, useState } from "react";

export function MermaidDiagram({ source }: { source: string }) {
  const id = `mermaid-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const [{ default: mermaid }, { default: DOMPurify }] = await Promise.all([import("mermaid"), import("dompurify")]);
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict", htmlLabels: false, flowchart: { htmlLabels: false }, theme: "neutral" });
      try {
        const drawn = await mermaid.render(id, source);
        const clean = DOMPurify.sanitize(drawn.svg, {
          USE_PROFILES: { svg: true, svgFilters: true }, FORBID_TAGS: ["a", "foreignObject", "script", "use", "image"], FORBID_ATTR: ["href", "xlink:href"],
        });
        if (live) setSvg(clean);
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message.split("\n")[0] : "The diagram could not be drawn.");
      } finally {
        document.getElementById(`d${id}`)?.remove(); // mermaid's scratch element, if a failed render left it
      }
    })().catch(() => live && setError("The diagram could not be drawn."));
    return () => {
      live = false;
    };
  }, [id, source]);
  return (
    <figure className="my-3 overflow-x-auto rounded-md bg-white p-3 ring-1 ring-slate-200" data-diagram={svg ? "drawn" : error ? "failed" : "loading"}>
      {svg
        ? <div role="img" aria-label="Diagram" className="[&_svg]:mx-auto [&_svg]:h-auto [&_svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />
        : <pre className="whitespace-pre-wrap text-xs text-slate-700">{source}</pre>}
      {error && <figcaption className="mt-2 text-xs text-red-700">This diagram could not be drawn: {error}</figcaption>}
    </figure>
  );
}
