"use server";
// The account page's own form (its profile form is the shell's, app/(portal)/actions.ts).
import { createApiToken, revokeApiToken } from "@/lib/api/commands";
import {
  addPasskey, confirmTwoStep, deletePasskey, endOtherSessions, endOwnSession, passkeyRegistrationOptions, renewTwoStepCodes, startTwoStep,
  turnOffTwoStep, updateWorkPreferences,
} from "@/lib/auth/commands";
import { serveAction } from "@/lib/commands/action";
import { setEmailNotifications } from "@/lib/notifications/commands";

export const createApiTokenAction = serveAction(createApiToken);
export const revokeApiTokenAction = serveAction(revokeApiToken);
export const setEmailNotificationsAction = serveAction(setEmailNotifications);
export const endOwnSessionAction = serveAction(endOwnSession);
export const endOtherSessionsAction = serveAction(endOtherSessions);
export const startTwoStepAction = serveAction(startTwoStep);
export const confirmTwoStepAction = serveAction(confirmTwoStep);
export const renewTwoStepCodesAction = serveAction(renewTwoStepCodes);
export const turnOffTwoStepAction = serveAction(turnOffTwoStep);
export const passkeyRegistrationOptionsAction = serveAction(passkeyRegistrationOptions);
export const addPasskeyAction = serveAction(addPasskey);
export const removePasskeyAction = serveAction(deletePasskey);
export const updateWorkPreferencesAction = serveAction(updateWorkPreferences);
