"use server";
// The past months page's forms, each a command (lib/reviews/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import { confirmReviewMonth } from "@/lib/reviews/commands";

export const confirmMonthAction = serveAction(confirmReviewMonth);
