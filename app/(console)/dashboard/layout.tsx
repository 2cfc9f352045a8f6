import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NavLinks } from "@/components/console/nav-links";
import { SignOutButton } from "@/components/console/sign-out-button";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { principalFromSession } from "@/lib/auth/principal";
import { navItemsFor } from "@/lib/console/nav";
import { inboxCounts } from "@/lib/db/inbox-views";
import { countLowStock } from "@/lib/db/low-stock";

export const metadata: Metadata = { title: { default: "Consola", template: "%s · Consola Sextinvalle" } };
export const dynamic = "force-dynamic";

// The shell only decides what to show; every page below checks its own permission again (lib/console/pages.ts).
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const principal = await principalFromSession();
  if (principal?.kind !== "user") redirect("/login?expired=1");
  const items = navItemsFor(principal.role).map(({ href, label }) => ({ href, label }));
  const [inbox, lowStock] = await Promise.all([
    can(principal.role, "conversations:read") ? inboxCounts(principal.id) : null,
    can(principal.role, "inventory:read") ? countLowStock() : 0,
  ]);
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr]">
      <aside className="border-b border-ink-100 bg-white p-3 md:sticky md:top-0 md:flex md:h-dvh md:flex-col md:border-r md:border-b-0">
        <div className="mb-3 flex items-center justify-between md:block">
          <p className="px-3 text-sm font-semibold text-brand-600">Sextinvalle · Consola</p>
        </div>
        <NavLinks items={items} inbox={inbox} lowStock={lowStock} />
        <div className="mt-3 border-t border-ink-100 px-3 pt-3 text-sm md:mt-auto" data-testid="signed-in-user">
          <p className="font-medium text-ink-900">{principal.name}</p>
          <p className="text-ink-500">
            {principal.email} · <span data-testid="signed-in-role">{ROLE_LABELS[principal.role]}</span>
          </p>
          <div className="mt-2">
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main className="min-w-0 p-4 md:p-6">{children}</main>
    </div>
  );
}
