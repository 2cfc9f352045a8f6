import { db, isSqlite } from "@/lib/db/client";

// Client and order search through trigram indexes (migration 20261202051500_search_indexes): SQLite's FTS5
// `trigram` tables ClientSearch / OrderSearch, PostgreSQL's pg_trgm GIN indexes on lower(column). Both answer
// "column contains this text, ignoring case" from the index, as LIKE '%x%' / ILIKE did by reading every row.
// The lists then filter by the matching ids; when the index cannot answer (text shorter than a trigram) or the
// text is so common that the id list would be huge, the caller keeps its LIKE filter, which is quick then: the
// first page fills within the first rows of the sort order.

/** Above this many matches the id list is not worth it (and would exceed bind-parameter limits). */
export const SEARCH_ID_LIMIT = 5_000;

type SearchSpec = {
  /** the searched table and, on SQLite, its FTS5 index table (rowid = the row's id) */
  table: "Client" | "Order";
  index: "ClientSearch" | "OrderSearch";
  /** columns matched against the text as typed */
  textColumns: string[];
  /** columns matched against the text's digits (documents, phones), when there are enough of them */
  digitColumns: string[];
};

export const CLIENT_SEARCH: SearchSpec = {
  table: "Client",
  index: "ClientSearch",
  textColumns: ["name", "email"],
  digitColumns: ["documentNumber", "phone"],
};

export const ORDER_SEARCH: SearchSpec = {
  table: "Order",
  index: "OrderSearch",
  textColumns: ["customerName", "number"],
  digitColumns: ["customerDocument", "customerPhone"],
};

const TRIGRAM = 3;

/** FTS5 phrase: the text between double quotes, inner quotes doubled (no operator or column syntax leaks in). */
function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** LIKE pattern for "contains", lower-cased, with LIKE's own wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Ids of the rows whose text columns contain `text` or whose digit columns contain `digits` (null: not
 * searched), ignoring case; null when the index cannot answer and the caller must filter with LIKE.
 */
export async function searchIds(spec: SearchSpec, text: string, digits: string | null): Promise<number[] | null> {
  if ([...text].length < TRIGRAM || (digits !== null && digits.length < TRIGRAM)) return null;
  const rows = isSqlite() ? await sqliteMatches(spec, text, digits) : await postgresMatches(spec, text, digits);
  if (rows.length > SEARCH_ID_LIMIT) return null;
  return rows.map((r) => Number(r.id));
}

function sqliteMatches(spec: SearchSpec, text: string, digits: string | null) {
  const groups = [`{${spec.textColumns.join(" ")}} : ${ftsPhrase(text)}`];
  if (digits !== null) groups.push(`{${spec.digitColumns.join(" ")}} : ${ftsPhrase(digits)}`);
  return db().$queryRawUnsafe<{ id: number | bigint }[]>(
    `SELECT rowid AS id FROM "${spec.index}" WHERE "${spec.index}" MATCH ? LIMIT ?`,
    groups.join(" OR "),
    SEARCH_ID_LIMIT + 1,
  );
}

function postgresMatches(spec: SearchSpec, text: string, digits: string | null) {
  const conditions = spec.textColumns.map((c) => `lower("${c}") LIKE $1`);
  if (digits !== null) conditions.push(...spec.digitColumns.map((c) => `lower("${c}") LIKE $2`));
  return db().$queryRawUnsafe<{ id: number }[]>(
    `SELECT "id" FROM "${spec.table}" WHERE ${conditions.join(" OR ")} LIMIT ${SEARCH_ID_LIMIT + 1}`,
    containsPattern(text),
    ...(digits !== null ? [containsPattern(digits)] : []),
  );
}
