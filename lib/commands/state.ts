// The shape every server action returns to useActionState (shared by server actions and client forms). A
// refusal carries the error contract's code (lib/platform/errors), the sentence, field errors, and the values
// the person typed, so nothing they entered is lost.
import type { AppErrorCode } from "@/lib/platform/errors";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionState<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: AppErrorCode; error: string; fieldErrors: FieldErrors; values: Record<string, string> }
  | null;
