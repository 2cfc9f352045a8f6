import { ShopChat } from "@/components/chat/shop-chat";
import { countActiveProducts } from "@/lib/db/products";

export const dynamic = "force-dynamic";

export default async function ShopHome() {
  const products = await countActiveProducts();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="bg-ink-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-5 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <h1 className="text-xl font-semibold sm:text-2xl">
              <span className="text-brand-400">Sextinvalle</span> · Asesor virtual
            </h1>
            <p className="text-sm text-ink-300">
              Equipos de protección personal y seguridad industrial en el Valle del Cauca.
            </p>
          </div>
          <p className="text-xs text-ink-300">{products} productos en catálogo · precios con IVA incluido</p>
        </div>
        <div className="h-1 bg-brand-600" aria-hidden />
      </header>
      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-3 p-3 sm:p-4">
        <ShopChat />
      </main>
    </div>
  );
}
