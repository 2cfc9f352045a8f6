import { countActiveProducts } from "@/lib/db/products";

export const dynamic = "force-dynamic";

export default async function ShopHome() {
  const products = await countActiveProducts();
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col gap-4 p-6">
      <h1 className="text-2xl font-semibold text-ink-900">Sextinvalle · Asesor virtual</h1>
      <p className="text-ink-700">
        Equipos de protección personal en el Valle del Cauca. {products} productos en catálogo.
      </p>
    </main>
  );
}
