// A stand-in for the Anthropic Messages API for end-to-end runs and local demos: it reads the facts from the
// prompt and answers like a Claude that follows the rules would: words only (no figures, no money, no
// quoting of titles or descriptions, which may carry either), and highlights that cite the week's first entries
// and name their kind of work. A handbook draft (the facts in <work>, lib/handbook/runbook.ts) gets a runbook whose
// first section cites the item's first entries.
// GET /requests answers the last 50 requests it received, as received.
// Run: node --import tsx tests/doubles/anthropic-server.ts [port]
import http from "node:http";

const port = Number(process.argv[2] ?? process.env.ANTHROPIC_DOUBLE_PORT ?? 4010);

function draftFrom(prompt: string) {
  const json = prompt.slice(prompt.indexOf("<facts>") + 7, prompt.lastIndexOf("</facts>"));
  // The prompt's facts (lib/updates/prompt.ts promptFacts): people's words are quoted with their author's role.
  const facts = JSON.parse(json) as { entries: { id: string; category: string; roadmap_item: { title: string } | null }[] };
  const cited = facts.entries.slice(0, 3);
  // Each highlight names the kind of work (the entry's category, the facts' own word) and where it went, once:
  // entries of the same kind and place share one highlight, as the prompt asks.
  const highlights = new Map<string, { text: string; entryIds: string[] }>();
  for (const e of cited) {
    const text = `${e.category.charAt(0).toUpperCase()}${e.category.slice(1)} work ${e.roadmap_item ? "on the roadmap" : "outside the roadmap"}`;
    const h = highlights.get(text) ?? { text, entryIds: [] };
    h.entryIds.push(e.id);
    highlights.set(text, h);
  }
  return {
    headline: cited.length ? "Steady progress this week" : "A quiet week",
    summary: cited.length
      ? "This week went into the work listed below. Everything here is taken from the logged work."
      : "No work was logged this week.",
    highlights: [...highlights.values()],
    nextWeek: ["Keep going on the work in progress and review it together."],
    risks: [],
  };
}

function runbookFrom(prompt: string) {
  const json = prompt.slice(prompt.indexOf("<work>") + 6, prompt.lastIndexOf("</work>"));
  const work = JSON.parse(json) as { entries: { id: string; category: string }[] };
  return {
    title: "How to keep the shipped work running",
    summary: "This page explains what was built and how to keep it running. Everything here is taken from the logged work; the engineer checks it before it is shared.",
    sections: [
      {
        heading: "What was built",
        text: work.entries.length ? `The work was mostly ${work.entries[0].category} work, described in the entries linked below.` : "No work was logged on this item yet.",
        steps: [],
        entryIds: work.entries.slice(0, 3).map((e) => e.id),
      },
      { heading: "How to run it", text: "", steps: ["Check that it runs as expected each morning.", "Write down anything unusual and tell the engineer."], entryIds: [] },
    ],
  };
}

// The last requests received, for tests that check what the portal says it sent (GET /requests).
const received: unknown[] = [];

http
  .createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.url === "/health") {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      if (req.method === "GET" && req.url === "/requests") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
        return;
      }
      if (req.method !== "POST" || !req.url?.startsWith("/v1/messages")) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "no route" } }));
        return;
      }
      const request = JSON.parse(body) as { model: string; messages: { content: string }[] };
      received.push(request);
      if (received.length > 50) received.shift();
      const prompt = request.messages[0].content;
      const text = JSON.stringify(prompt.includes("<work>") ? runbookFrom(prompt) : draftFrom(prompt));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
        id: `msg_double_${Date.now()}`, type: "message", role: "assistant", model: request.model,
        content: [{ type: "text", text }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 },
      }));
    });
  })
  .listen(port, "127.0.0.1", () => process.stdout.write(`anthropic double on http://127.0.0.1:${port}\n`));
