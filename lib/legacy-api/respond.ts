import { json } from "@/lib/http/route";

/** Lists are plain JSON arrays (as the previous system returned them); the total travels in a header. */
export function listJson(items: unknown[], total: number): Response {
  return json(items, { headers: { "x-total-count": String(total) } });
}
