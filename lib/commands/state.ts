// The shape every server action returns to useActionState (shared by server actions and client forms).
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionState<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors: FieldErrors; values: Record<string, string> }
  | null;
