import { requirePagePermission } from "@/lib/auth/guards";
import type { Permission } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";

/**
 * Every console page (app/(console)/**\/page.tsx) and the permission it needs. The authorisation-matrix
 * test fails when a page file exists on disk without an entry here, so a new page cannot ship unguarded.
 * Keys are the route pattern as written on disk (route groups removed, dynamic segments kept).
 */
export const CONSOLE_PAGES = {
  "/dashboard": "inventory:read",
  "/dashboard/inventory": "inventory:read",
  "/dashboard/inventory/new": "inventory:write",
  "/dashboard/inventory/import": "inventory:write",
  "/dashboard/inventory/[id]": "inventory:read",
  "/dashboard/clients": "clients:read",
  "/dashboard/clients/[id]": "clients:read",
  "/dashboard/orders": "orders:read",
  "/dashboard/orders/new": "orders:write",
  "/dashboard/orders/[id]": "orders:read",
  "/dashboard/conversations": "conversations:read",
  "/dashboard/conversations/[chatId]": "conversations:read",
  "/dashboard/audit": "audit:read",
  "/dashboard/users": "users:manage",
  "/dashboard/api-keys": "apikeys:manage",
  "/dashboard/company": "settings:manage",
  "/dashboard/channels": "settings:manage",
  "/dashboard/canned-replies": "settings:manage",
  "/dashboard/legacy-import": "settings:manage",
  "/dashboard/exports": "exports:read",
  "/dashboard/metrics": "metrics:read",
} as const satisfies Record<string, Permission>;

export type ConsolePage = keyof typeof CONSOLE_PAGES;

export function pagePermission(page: ConsolePage): Permission {
  return CONSOLE_PAGES[page];
}

/**
 * The first line of every console page: anonymous → login, missing permission → 403.
 * `currentPath` is the concrete URL (for the login redirect) when the pattern has dynamic segments.
 */
export function guardPage(page: ConsolePage, currentPath: string = page): Promise<Principal> {
  return requirePagePermission(CONSOLE_PAGES[page], currentPath);
}

/** Turns `app/(console)/dashboard/orders/[id]/page.tsx` into `/dashboard/orders/[id]`. */
export function pageFileToRoute(relativeFile: string): string {
  const segments = relativeFile
    .replace(/\\/g, "/")
    .replace(/^app\//, "")
    .replace(/\/?page\.tsx$/, "")
    .split("/")
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}
