import { redirect } from "next/navigation";
import { getSession, homePath } from "@/lib/auth/session";

// GET / — send each person to where they work: staff to the engineer home, members to their client.
export default async function Home() {
  const session = await getSession();
  redirect(session ? homePath(session.viewer) : "/login");
}
