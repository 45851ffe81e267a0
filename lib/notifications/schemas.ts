// The inbox's forms (issue 23): open or mark one notification read, mark all read, and how to hear by email.
import { z } from "zod";
import { idOf } from "@/lib/schemas/fields";

export const notificationSchema = z.object({ notificationId: idOf("That notification") });

export const markAllReadSchema = z.object({});

export const emailModeSchema = z.object({
  mode: z.enum(["immediately", "daily", "off"], { error: "Choose how you want to hear of things by email." }),
});
