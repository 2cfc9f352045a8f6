import type { Db } from "@/lib/db/client";
import { databaseFlavour, env } from "@/lib/env";

// Raw SQL written once for both flavours: `$1` placeholders (SQLite gets `?` with the arguments in order) and
// timestamps as each flavour stores them. For reads where Prisma's query building and row mapping is the cost.
export type Flavour = "sqlite" | "postgres";
export const flavour = (): Flavour => databaseFlavour(env().DATABASE_URL);

// Prisma's client is loaded on the first query, not with this module: the export worker thread uses only the
// SQL helpers below (loading the client was ~0.45 s of its start). Once loaded, no extra promise per query.
let client: typeof import("@/lib/db/client") | undefined;
const loadClient = async (): Promise<Db> => {
  client ??= await import("@/lib/db/client");
  return client.db();
};

export async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const db = client ? client.db() : await loadClient();
  if (flavour() === "postgres") return db.$queryRawUnsafe<T[]>(sql, ...params);
  const ordered: unknown[] = [];
  const text = sql.replace(/\$(\d+)(::\w+)?/g, (_, n: string) => {
    ordered.push(params[Number(n) - 1]);
    return "?";
  });
  return db.$queryRawUnsafe<T[]>(text, ...ordered);
}

/** Timestamps as each flavour stores them (SQLite: ISO text; PostgreSQL: timestamp without zone, UTC). */
export function at(date: Date): string {
  const iso = date.toISOString();
  return flavour() === "postgres" ? iso.replace("T", " ").replace("Z", "") : iso.replace("Z", "+00:00");
}

/** The cast a timestamp parameter needs (PostgreSQL compares text with timestamp only after it). */
export const ts = () => (flavour() === "postgres" ? "::timestamp" : "");

/** A timestamp column as epoch milliseconds (a plain number: no Date object per cell). */
export function epochMs(column: string): string {
  return flavour() === "postgres"
    ? `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`
    : `CAST(ROUND((julianday(${column}) - 2440587.5) * 86400000.0) AS REAL)`;
}
