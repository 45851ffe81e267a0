"use server";
// The new-client form: a command (lib/clients/commands.ts) served as a server action.
import { createClient } from "@/lib/clients/commands";
import { serveAction } from "@/lib/commands/action";

export const createClientAction = serveAction(createClient);
