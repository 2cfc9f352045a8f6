import type { Storage } from "./types";

/** Deletes every object whose expiry has passed; the same walk for every backend. Returns the keys deleted. */
export async function deleteExpired(storage: Pick<Storage, "list" | "delete">, now: Date): Promise<string[]> {
  const deleted: string[] = [];
  for await (const meta of storage.list()) {
    if (meta.expiresAt && meta.expiresAt <= now) {
      await storage.delete(meta.key);
      deleted.push(meta.key);
    }
  }
  return deleted;
}
