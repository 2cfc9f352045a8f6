import Link from "next/link";

// Any other forbidden() outside the console: Spanish, never Next's bare English page.
export default function Forbidden() {
  return (
    <main className="mx-auto mt-16 max-w-lg p-6" data-testid="forbidden">
      <p className="text-sm font-semibold text-danger">Error 403 · Acceso restringido</p>
      <h1 className="mt-1 text-xl font-semibold">No tienes acceso a esta página</h1>
      <Link className="btn-primary mt-4 inline-block" href="/">
        Volver a la tienda
      </Link>
    </main>
  );
}
