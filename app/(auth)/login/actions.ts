"use server";
import { redirect } from "next/navigation";
import { runAction, formValues, type ActionState } from "@/lib/actions";
import { requestSignInCode, signInWithCode, signOut } from "@/lib/auth";
import { homePath } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { loadViewer } from "@/lib/db/viewer";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clientIp } from "@/lib/request";
import { signInRequestSchema, signInVerifySchema } from "@/lib/schemas";

export async function requestCodeAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("auth.requestCode", signInRequestSchema, formValues(form), async ({ email }) => {
    await requestSignInCode(email, await clientIp());
    kickMailDelivery();
    return email;
  });
  if (result?.ok) redirect(`/login/verify?email=${encodeURIComponent(result.data)}`);
  return result as ActionState;
}

export async function verifyCodeAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("auth.verifyCode", signInVerifySchema, formValues(form), async ({ email, code }) => {
    const claims = await signInWithCode(email, code, await clientIp());
    return homePath(await asUser(claims, (tx) => loadViewer(tx, claims.sub, claims.email)));
  });
  if (result?.ok) redirect(result.data);
  return result as ActionState;
}

export async function signOutAction() {
  await signOut();
  redirect("/login");
}
