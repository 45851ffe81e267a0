"use server";
// The sign-in forms, each a command (lib/auth/commands.ts) served as a server action.
import { requestCode, verifyCode, verifySecondFactor } from "@/lib/auth/commands";
import { serveAction } from "@/lib/commands/action";

export const requestCodeAction = serveAction(requestCode);
export const verifyCodeAction = serveAction(verifyCode);
export const secondFactorAction = serveAction(verifySecondFactor);
