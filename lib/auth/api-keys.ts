import { createHash, randomBytes } from "node:crypto";

// API keys look like `svk_<prefix>_<secret>`; only the sha256 of the whole key is stored.
const PREFIX = "svk";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const id = randomBytes(4).toString("hex");
  const secret = randomBytes(24).toString("base64url");
  const key = `${PREFIX}_${id}_${secret}`;
  return { key, prefix: `${PREFIX}_${id}`, hash: hashApiKey(key) };
}

export function looksLikeApiKey(value: string): boolean {
  return /^svk_[0-9a-f]{8}_[\w-]{20,}$/.test(value);
}
