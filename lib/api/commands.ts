// Personal API tokens, as commands (issue 22): created and revoked by their person on /account. The token is
// returned once, by the creating command, and never again.
import { command } from "@/lib/commands/command";
import { apiTokenHash, apiTokenPrefix, newApiToken } from "@/lib/api/tokens";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api/schemas";
import { getClientAccess } from "@/lib/db/clients";
import { insertApiToken, revokeApiToken as revoke } from "@/lib/db/api-tokens";
import { seesMoney } from "@/lib/domain/access";
import { AppError, notFound } from "@/lib/platform/errors";

export const createApiToken = command({
  name: "apiToken.create", schema: createApiTokenSchema, scope: "signed-in",
  run: async ({ tx, viewer, input }) => {
    const staff = viewer.staffRole !== null;
    // A token may do what its person's pages do: time is logged by staff; invoices are read by staff and owners.
    if (input.scopes.includes("hours:write") && !staff) throw new AppError("invalid", "Only your practice's engineers log time.", { scopes: ["Only your practice's engineers log time: untick “Log and correct time”."] });
    if (input.clientId) {
      const access = await getClientAccess(tx, { clientId: input.clientId });
      // The list offers only the clients the person sees: any other id is "not found", as everywhere.
      if (!access) throw notFound("That client");
      const memberRole = viewer.memberships.find((m) => m.clientId === input.clientId)?.role ?? null;
      if (input.scopes.includes("invoices:read") && !seesMoney({ staffRole: viewer.staffRole, memberRole, isStaff: access.isStaff })) {
        throw new AppError("invalid", "Invoices are for the client's owners.", { scopes: ["You don't see this client's invoices: untick “Read invoices”."] });
      }
    } else if (input.scopes.includes("invoices:read") && !staff && !viewer.memberships.some((m) => m.role === "owner")) {
      throw new AppError("invalid", "Invoices are for the client's owners.", { scopes: ["You don't see invoices: untick “Read invoices”."] });
    }
    const token = newApiToken();
    await insertApiToken(tx, {
      userId: viewer.userId, name: input.name, tokenHash: apiTokenHash(token), prefix: apiTokenPrefix(token), scopes: input.scopes, clientId: input.clientId, lifetimeDays: input.lifetimeDays,
    });
    return { token, name: input.name };
  },
  message: "Token created.",
  refresh: () => ["/account"],
});

export const revokeApiToken = command({
  name: "apiToken.revoke", schema: revokeApiTokenSchema, scope: "signed-in", message: "Token revoked. Requests with it are refused from now on.",
  run: async ({ tx, viewer, input }) => {
    if (!(await revoke(tx, { userId: viewer.userId, tokenId: input.tokenId }))) throw new AppError("not_found", "That token could not be found.");
  },
  refresh: () => ["/account"],
});
