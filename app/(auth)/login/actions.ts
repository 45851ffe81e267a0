"use server";
import { redirect } from "next/navigation";
import { runPublicAction, type ActionState } from "@/lib/actions/run";
import { requestSignInCode, signInWithCode, signOut } from "@/lib/auth";
import { signInRequestSchema, signInVerifySchema } from "@/lib/auth/schemas";
import { homePath } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { loadViewer } from "@/lib/db/viewer";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clientIp } from "@/lib/auth/client-ip";

export async function requestCodeAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runPublicAction({ name: "auth.requestCode", schema: signInRequestSchema }, form, async ({ email }) => {
    const { requestId } = await requestSignInCode(email, await clientIp());
    kickMailDelivery();
    return `/login/verify?email=${encodeURIComponent(email)}${requestId ? `&request=${requestId}` : ""}`;
  });
  if (result.ok) redirect(result.data);
  return result;
}

export async function verifyCodeAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runPublicAction({ name: "auth.verifyCode", schema: signInVerifySchema }, form, async ({ email, code, request }) => {
    const claims = await signInWithCode(email, code, request, await clientIp());
    return homePath(await asUser(claims, (tx) => loadViewer(tx, claims.sub, claims.email)));
  });
  if (result.ok) redirect(result.data);
  return result;
}

export async function signOutAction() {
  await signOut();
  redirect("/login");
}
