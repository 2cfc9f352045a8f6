import Link from "next/link";
import { formatNumber } from "@/lib/format";

/** Server-rendered pager: keeps every other query parameter and changes only `page`. */
export function Pagination({
  basePath,
  params,
  page,
  pageSize,
  total,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
    search.set("page", String(p));
    return `${basePath}?${search.toString()}`;
  };
  return (
    <div className="flex items-center justify-between gap-2 py-3 text-sm text-ink-500">
      <span>
        {formatNumber(total)} resultados · página {formatNumber(page)} de {formatNumber(pages)}
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="btn-secondary px-3 py-1" href={href(page - 1)}>
            Anterior
          </Link>
        ) : null}
        {page < pages ? (
          <Link className="btn-secondary px-3 py-1" href={href(page + 1)}>
            Siguiente
          </Link>
        ) : null}
      </div>
    </div>
  );
}
