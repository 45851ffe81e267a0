import { redirect } from "next/navigation";
import { authorizePage } from "@/lib/pages/access";
import { viewHome } from "@/lib/pages/home";

// GET / — send each person to where they work: staff to the engineer home, members to their client.
// Signed out, authorizePage sends them to /login.
export default async function Home() {
  redirect(viewHome(await authorizePage("signed-in")));
}
