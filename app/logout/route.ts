// /logout — signing out, and what a browser whose session ended is sent through (ASVS 5.0 14.3.1).
//   POST:  the shell's Sign out button (a plain form post, so the browser loads the next page in full). Ends this
//          session on the server (lib/auth/commands signOut), then answers 303 to /login. With ?everywhere=1 (the
//          account page's "Sign out on every device"), every session of the person ends (signOutEverywhere).
//   GET:   where a page sends a browser whose session has ended elsewhere ("Sign out everywhere", an admin, a
//          removal). It ends nothing: with a live session it only goes home, so a link from another site cannot
//          sign anyone out.
// Each answers with Clear-Site-Data once no live session remains: the browser drops this site's cache, storage and
// cookies, so nothing the person saw stays readable on a shared computer. Cross-origin posts never get here
// (proxy.ts refuses a write whose Origin is not the portal's).
import { currentClaims } from "@/lib/auth";
import { signOut, signOutEverywhere } from "@/lib/auth/commands";
import { hasLiveSession } from "@/lib/auth/session";
import { execute } from "@/lib/commands/execute";

const CLEARED = { "Clear-Site-Data": '"cache", "cookies", "storage"', "Cache-Control": "no-store" };

export async function POST(request: Request): Promise<Response> {
  // Whatever happened on the server (the outcome is logged by execute), this browser is signed out: its cookie is gone.
  if (new URL(request.url).searchParams.get("everywhere") === "1") {
    const claims = await currentClaims();
    if (claims) await execute(signOutEverywhere, claims, {});
    await execute(signOut, null, {});
    return new Response(null, { status: 303, headers: { Location: "/login?ended=everywhere", ...CLEARED } });
  }
  await execute(signOut, null, {});
  return new Response(null, { status: 303, headers: { Location: "/login", ...CLEARED } });
}

export async function GET(): Promise<Response> {
  if (await hasLiveSession()) return new Response(null, { status: 303, headers: { Location: "/", "Cache-Control": "no-store" } });
  return new Response(null, { status: 303, headers: { Location: "/login", ...CLEARED } });
}
