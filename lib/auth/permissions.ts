// The one permission table. Every page, route handler and server action names a permission from here;
// the authorisation-matrix test walks every entry point against it.
export const ROLES = ["admin", "ventas", "gerente"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "inventory:read",
  "inventory:write",
  "stock:adjust",
  "clients:read",
  "clients:write",
  "orders:read",
  "orders:write",
  "conversations:read",
  "conversations:takeover",
  "bot:global-toggle",
  "metrics:read",
  "exports:create",
  "exports:read",
  "audit:read",
  "users:manage",
  "apikeys:manage",
  "settings:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ["inventory:read", "clients:read", "orders:read", "conversations:read"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  ventas: new Set<Permission>([
    ...READ_ALL,
    "inventory:write",
    "stock:adjust",
    "clients:write",
    "orders:write",
    "conversations:takeover",
  ]),
  gerente: new Set<Permission>([...READ_ALL, "metrics:read", "exports:create", "exports:read", "audit:read"]),
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrador",
  ventas: "Ventas",
  gerente: "Gerente",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? ROLE_PERMISSIONS[role].has(permission) : false;
}
