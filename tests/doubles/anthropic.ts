// An in-repo double of the Anthropic Messages API (POST /v1/messages), scripted per test: each call takes
// the next behaviour from the queue. Records every request body so tests can check what was sent.
import { startDouble, type RecordedRequest } from "./http";

export type Behaviour =
  | { kind: "json"; body: unknown }
  | { kind: "text"; text: string }
  | { kind: "status"; status: number }
  | { kind: "hang" };

export async function startAnthropicDouble() {
  const queue: Behaviour[] = [];
  const double = await startDouble(async (req: RecordedRequest) => {
    if (req.method !== "POST" || !req.path.startsWith("/v1/messages")) return { status: 404, body: { type: "error", error: { type: "not_found_error", message: "no route" } } };
    const next = queue.shift() ?? { kind: "status", status: 500 };
    const model = (JSON.parse(req.body) as { model: string }).model;
    if (next.kind === "hang") {
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      return { status: 500, body: {} };
    }
    if (next.kind === "status") {
      const type = next.status === 429 ? "rate_limit_error" : next.status === 529 ? "overloaded_error" : "api_error";
      return { status: next.status, body: { type: "error", error: { type, message: `double says ${next.status}` } }, headers: { "retry-after-ms": "10" } };
    }
    const text = next.kind === "text" ? next.text : JSON.stringify(next.body);
    return {
      status: 200,
      body: {
        id: `msg_${Math.random().toString(36).slice(2)}`, type: "message", role: "assistant", model,
        content: [{ type: "text", text }], stop_reason: "end_turn", stop_sequence: null,
        usage: { input_tokens: 100, output_tokens: 50 },
      },
    };
  });
  return {
    ...double,
    /** Behaviours for the next calls, in order. */
    script: (...b: Behaviour[]) => {
      queue.length = 0;
      queue.push(...b);
    },
    messagesRequests: () => double.requests.filter((r) => r.path.startsWith("/v1/messages")),
  };
}
