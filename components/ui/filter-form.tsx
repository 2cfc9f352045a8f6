import Link from "next/link";
import type { ReactNode } from "react";

// The filters of a console list: a GET form (works without JavaScript, puts every filter in the URL) whose
// fields each carry a visible label; `keep` holds parameters the form does not show but must not lose (sort).
export function FilterForm({
  basePath,
  keep = {},
  className = "sm:grid-cols-3",
  children,
}: {
  basePath: string;
  keep?: Record<string, string | undefined>;
  /** grid columns of the fields */
  className?: string;
  children: ReactNode;
}) {
  return (
    <form method="get" className={`card mb-3 grid items-end gap-2 p-3 ${className}`} role="search">
      {Object.entries(keep).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      {children}
      <div className="flex gap-2">
        <button className="btn-primary" type="submit">
          Filtrar
        </button>
        <Link className="btn-secondary" href={basePath}>
          Limpiar
        </Link>
      </div>
    </form>
  );
}
