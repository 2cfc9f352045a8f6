import type { Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/client";

/** A real seeded staff member of the given role, as the principal the console would resolve. */
export async function staffPrincipal(db: Db, role: Role): Promise<Principal & { kind: "user" }> {
  const user = await db.user.findFirstOrThrow({ where: { role } });
  return { kind: "user", id: user.id, role, name: user.name, email: user.email };
}
