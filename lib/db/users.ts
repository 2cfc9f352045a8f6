import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { revokeUserSessions } from "@/lib/db/settings";
import type { ListSort } from "@/lib/domain/list-sort";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";

const PUBLIC = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export const USERS_PAGE_SIZE = 50;
/** What the users list may be sorted by; by default active accounts first, then by name. */
export const USER_SORTS = ["name", "email", "role", "lastLoginAt"] as const;
export type UserSort = ListSort<(typeof USER_SORTS)[number]>;

function userOrder(sort: UserSort | null): Prisma.UserOrderByWithRelationInput[] {
  if (!sort) return [{ active: "desc" }, { name: "asc" }, { id: "asc" }];
  const direction = sort.desc ? "desc" : "asc";
  const first =
    sort.key === "lastLoginAt" ? { lastLoginAt: { sort: direction, nulls: "last" } } : { [sort.key]: direction };
  return [first as Prisma.UserOrderByWithRelationInput, { id: direction }];
}

/** A page of staff accounts (a small list: offset pages are enough). */
export async function listUsers(options: { sort?: UserSort | null; page?: number } = {}) {
  const page = options.page ?? 1;
  const [rows, total] = await Promise.all([
    db().user.findMany({
      select: PUBLIC,
      orderBy: userOrder(options.sort ?? null),
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
    db().user.count(),
  ]);
  return { rows, total };
}

export async function createUser(
  input: { email: string; name: string; role: Role; password: string },
  principal: Principal,
) {
  const email = input.email.trim().toLowerCase();
  if (await db().user.findUnique({ where: { email } })) {
    throw new AppError("conflict", "Ya existe un usuario con ese correo.", {
      fields: { email: "Correo ya registrado." },
    });
  }
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email, name: input.name, role: input.role, passwordHash },
      select: PUBLIC,
    });
    await recordAudit(principal, { action: "user.create", entityType: "user", entityId: user.id, after: user }, tx);
    return user;
  });
}

/** Guards against the console locking itself out: at least one active admin must remain. */
async function assertAnotherAdmin(userId: number): Promise<void> {
  const others = await db().user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", "Debe quedar al menos un administrador activo.");
}

/** Disabling or changing the role needs no revocation: principalFromSession re-reads the user each request. */
export async function updateUser(id: number, change: { role?: Role; active?: boolean }, principal: Principal) {
  const before = await db().user.findUnique({ where: { id }, select: PUBLIC });
  if (!before) throw new AppError("not_found", "El usuario no existe.");
  const losesAdmin =
    before.role === "admin" && before.active && (change.active === false || (change.role && change.role !== "admin"));
  if (losesAdmin) await assertAnotherAdmin(id);
  return db().$transaction(async (tx) => {
    const after = await tx.user.update({ where: { id }, data: change, select: PUBLIC });
    const action = change.role !== undefined ? "user.role" : change.active ? "user.enable" : "user.disable";
    await recordAudit(
      principal,
      {
        action,
        entityType: "user",
        entityId: id,
        before: { role: before.role, active: before.active },
        after: { role: after.role, active: after.active },
      },
      tx,
    );
    return after;
  });
}

export async function resetUserPassword(id: number, password: string, principal: Principal) {
  const user = await db().user.findUnique({ where: { id }, select: { id: true } });
  if (!user) throw new AppError("not_found", "El usuario no existe.");
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash } });
    // whoever knew the old password may hold a session: every token issued until now stops working
    await revokeUserSessions(id, tx);
    // never the password or its hash in the log
    await recordAudit(principal, { action: "user.password_reset", entityType: "user", entityId: id }, tx);
  });
}
