import { ShopChat } from "@/components/chat/shop-chat";
import { SkipToChat } from "@/components/chat/skip-link";
import { countActiveProducts } from "@/lib/db/products";

export const dynamic = "force-dynamic";

// The shop is an app shell the height of the window: only the conversation scrolls.
export default async function ShopHome() {
  const products = await countActiveProducts();
  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <SkipToChat />
      <header className="shrink-0 bg-ink-900 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2 sm:py-4">
          <div>
            <h1 className="text-base font-semibold sm:text-2xl">
              <span className="text-brand-400">Sextinvalle</span> · Asesor virtual
            </h1>
            <p className="hidden text-sm text-ink-300 sm:block">
              Equipos de protección personal y seguridad industrial en el Valle del Cauca.
            </p>
          </div>
          <p className="hidden text-xs text-ink-300 md:block">
            {products} productos en catálogo · precios con IVA incluido
          </p>
        </div>
        <div className="h-1 bg-brand-600" aria-hidden="true" />
      </header>
      <main className="mx-auto flex min-h-0 w-full max-w-6xl flex-1 flex-col gap-3 sm:p-4">
        <ShopChat />
      </main>
    </div>
  );
}
