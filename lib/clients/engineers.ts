// Assigning engineers to a client (admins only): the admin check in the command's own transaction, the client
// and the person checked, then lib/db/clients writes the row as the service role.
import type { Tx } from "@/lib/db";
import { deleteEngineerAssignment, getClient, insertEngineerAssignment, isStaffMember } from "@/lib/db/clients";
import { AppError, found, notFound } from "@/lib/platform/errors";
import { assertAdmin } from "@/lib/staff/people";

export async function assignEngineer(tx: Tx, actorId: string, clientId: string, userId: string) {
  await assertAdmin(tx);
  found(await getClient(tx, { clientId }), "That client");
  if (!(await isStaffMember(tx, { userId }))) {
    throw new AppError("invalid", "Choose an engineer from the list.", { userId: ["Choose an engineer from the list."] });
  }
  await insertEngineerAssignment(tx, { actorId, clientId, userId });
}

export async function unassignEngineer(tx: Tx, actorId: string, clientId: string, userId: string) {
  if (!(await deleteEngineerAssignment(tx, { actorId, clientId, userId }))) throw notFound("That assignment");
}
