// What the webhook forms may send (issue 22): an endpoint (a URL, what it is, a checkbox per event), and the ids
// of an endpoint to remove or a delivery to send again.
import { z } from "zod";
import { ALL_WEBHOOK_EVENTS } from "@/lib/domain/webhook-events";
import { idOf } from "@/lib/schemas/fields";

export const addWebhookSchema = z
  .object({
    url: z.string({ error: "Enter the URL that receives the events." }).trim().min(1, "Enter the URL that receives the events.").max(2000, "Keep the URL under 2,000 characters."),
    description: z.string().trim().max(200, "Keep the description under 200 characters.").default(""),
  })
  .catchall(z.string().max(10))
  .transform((input, ctx) => {
    const events = ALL_WEBHOOK_EVENTS.filter((e) => ["on", "true", "1"].includes(String(input[`event.${e}`] ?? "")));
    if (Object.keys(input).some((k) => k.startsWith("event.") && !ALL_WEBHOOK_EVENTS.includes(k.slice(6)))) {
      ctx.addIssue({ code: "custom", path: ["events"], message: "Choose events from the list." });
    }
    if (!events.length) ctx.addIssue({ code: "custom", path: ["events"], message: "Choose at least one event to send." });
    return { url: input.url as string, description: input.description as string, events };
  });

export const removeWebhookSchema = z.object({ endpointId: idOf("That endpoint") });
export const redeliverWebhookSchema = z.object({ deliveryId: idOf("That delivery") });
