// Extra hours approved in advance (issue 23), as commands (lib/commands/command.ts): the client's staff and owners
// ask (an owner's own request is their approval), owners decide, whoever asked (or staff) withdraws.
import { command, type Refresh } from "@/lib/commands/command";
import { askForExtraHours, decide, withdraw } from "@/lib/extra-hours/requests";
import { decideExtraHoursSchema, quotedCents, requestExtraHoursSchema, withdrawExtraHoursSchema } from "@/lib/extra-hours/schemas";
import { currencyDigits, formatMinutes } from "@/lib/format";
import { clockNow } from "@/lib/platform/clock";
import { LIMITS } from "@/lib/domain/limits";

// The client's pages: an approval changes its numbers (dashboard, hours, invoices) as well as the requests.
const clientPages = ({ client }: { client: { id: string } }): Refresh[] => [[`/clients/${client.id}`, "layout"]];

export const requestExtraHours = command({
  name: "extraHours.request", schema: requestExtraHoursSchema, scope: "billing", limits: [LIMITS.extraHours],
  run: async ({ tx, viewer, client, memberRole, input }) => {
    const ask = { ...input, minutes: input.hours, quotedCents: quotedCents(input, currencyDigits(client.currency)) };
    const result = await askForExtraHours(tx, viewer, client, memberRole === "owner", ask, clockNow());
    return { ...result, minutes: ask.minutes };
  },
  message: (r) => (r.approved ? `${formatMinutes(r.minutes)} of extra hours approved.` : "Asked. The owners have an email to approve or decline."),
  refresh: clientPages,
});

export const decideExtraHours = command({
  name: "extraHours.decide", schema: decideExtraHoursSchema, scope: "owner", forbidden: "Only the client's owners approve extra hours.",
  run: ({ tx, viewer, client, input: { clientId: _clientId, ...decision } }) => decide(tx, viewer, client, decision),
  message: (status) => (status === "approved" ? "Approved. The month's ceiling is raised." : "Declined. Nothing changes."),
  refresh: clientPages,
});

export const withdrawExtraHours = command({
  name: "extraHours.withdraw", schema: withdrawExtraHoursSchema, scope: "billing", message: "Request withdrawn.",
  run: ({ tx, viewer, client, memberRole, input }) => withdraw(tx, viewer, client, memberRole === "owner", input.requestId),
  refresh: clientPages,
});
