import Link from "next/link";

// Rendered inside the console layout (nav and signed-in user stay) when a page calls forbidden():
// the role lacks the permission. Next answers it with status 403.
export default function ConsoleForbidden() {
  return (
    <section className="card mx-auto mt-8 max-w-lg p-6" data-testid="forbidden">
      <p className="text-sm font-semibold text-danger">Error 403 · Acceso restringido</p>
      <h1 className="mt-1 text-xl font-semibold">Tu rol no tiene acceso a esta página</h1>
      <p className="mt-2 text-sm text-ink-700">
        Si necesitas trabajar aquí, pide a un administrador que revise tu rol en Usuarios. Mientras tanto puedes seguir
        con las secciones del menú.
      </p>
      <Link className="btn-primary mt-4 inline-block" href="/dashboard">
        Ir al inicio de la consola
      </Link>
    </section>
  );
}
