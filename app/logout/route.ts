// POST /logout — signing out (the shell's Sign out button, a plain form post, so the browser loads the next page
// in full). Ends this session on the server (lib/auth/commands signOut), then answers 303 to /login with
// Clear-Site-Data (ASVS 5.0 14.3.1): the browser drops this site's cache, storage and
// cookies, so nothing the person saw stays readable on a shared computer. Cross-origin posts never get here
// (proxy.ts refuses a write whose Origin is not the portal's).
import { signOut } from "@/lib/auth/commands";
import { execute } from "@/lib/commands/execute";

export async function POST(): Promise<Response> {
  // Whatever happened on the server (the outcome is logged by execute), this browser is signed out: its cookie is gone.
  await execute(signOut, null, {});
  return new Response(null, {
    status: 303,
    headers: { Location: "/login", "Clear-Site-Data": '"cache", "cookies", "storage"', "Cache-Control": "no-store" },
  });
}
