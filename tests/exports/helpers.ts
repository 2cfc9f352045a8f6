import { NextRequest } from "next/server";
import Papa from "papaparse";
import { generateApiKey } from "@/lib/auth/api-keys";
import type { Role } from "@/lib/auth/permissions";
import { createApiKeyRecord } from "@/lib/db/staff";

// Shared helpers for export and legacy-API tests: API keys per role and requests to route handlers.
export async function apiKeyFor(role: Role): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await createApiKeyRecord({ name: `test-${role}-${prefix}`, role, prefix, hash });
  return key;
}

export const ANONYMOUS = "Bearer anonymous"; // not an API key: resolves to nobody without touching cookies

type Init = { method?: string; key?: string | null; body?: unknown; headers?: Record<string, string> };

export function request(url: string, init: Init = {}): NextRequest {
  const headers = new Headers(init.headers);
  headers.set("authorization", init.key ? `Bearer ${init.key}` : ANONYMOUS);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  return new NextRequest(new URL(url, "http://localhost"), {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

export function ctx<P>(params: P) {
  return { params: Promise.resolve(params) };
}

export function parseCsv(text: string, delimiter: string): string[][] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  const rows = parsed.data;
  // the file ends with CRLF: papaparse yields one trailing empty row
  if (rows.length > 0 && rows.at(-1)?.length === 1 && rows.at(-1)?.[0] === "") rows.pop();
  return rows;
}
