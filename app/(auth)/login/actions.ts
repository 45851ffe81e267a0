"use server";
// The sign-in forms, each a command (lib/auth/commands.ts) served as a server action.
import { passkeySignInOptions, requestCode, verifyCode, verifyPasskey, verifySecondFactor } from "@/lib/auth/commands";
import { serveAction } from "@/lib/commands/action";

export const requestCodeAction = serveAction(requestCode);
export const verifyCodeAction = serveAction(verifyCode);
export const secondFactorAction = serveAction(verifySecondFactor);
export const passkeySignInOptionsAction = serveAction(passkeySignInOptions);
export const passkeyAction = serveAction(verifyPasskey);
