import { can, type Permission, type Role } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; permission: Permission };

// Sidebar order follows a salesperson's day: stock, people, sales, chats; then management pages.
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard/inventory", label: "Inventario", permission: "inventory:read" },
  { href: "/dashboard/clients", label: "Clientes", permission: "clients:read" },
  { href: "/dashboard/orders", label: "Ventas", permission: "orders:read" },
  { href: "/dashboard/conversations", label: "Conversaciones", permission: "conversations:read" },
  { href: "/dashboard/exports", label: "Exportaciones", permission: "exports:read" },
  { href: "/dashboard/metrics", label: "Métricas", permission: "metrics:read" },
  { href: "/dashboard/audit", label: "Auditoría", permission: "audit:read" },
  { href: "/dashboard/users", label: "Usuarios", permission: "users:manage" },
  { href: "/dashboard/api-keys", label: "Claves API", permission: "apikeys:manage" },
  { href: "/dashboard/company", label: "Empresa", permission: "settings:manage" },
  { href: "/dashboard/channels", label: "Canales", permission: "settings:manage" },
  { href: "/dashboard/canned-replies", label: "Respuestas rápidas", permission: "settings:manage" },
  { href: "/dashboard/legacy-import", label: "Migración", permission: "settings:manage" },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
