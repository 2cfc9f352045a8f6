import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { isValidKey } from "@/lib/storage/keys";

// Signed, expiring URLs for the local backend: HMAC-SHA256 over key, expiry and download name.
export const LOCAL_FILES_PATH = "/files/local";

function signature(key: string, expiresAt: number, downloadName: string, secret: string): string {
  return createHmac("sha256", secret).update(`${key}\n${expiresAt}\n${downloadName}`).digest("base64url");
}

export function signLocalUrl(
  key: string,
  expiresInSeconds: number,
  downloadName = "",
  now = Date.now(),
  secret = env().STORAGE_SIGNING_SECRET,
): string {
  const exp = Math.floor(now / 1000) + Math.max(1, Math.floor(expiresInSeconds));
  const params = new URLSearchParams({ exp: String(exp), sig: signature(key, exp, downloadName, secret) });
  if (downloadName) params.set("name", downloadName);
  return `${LOCAL_FILES_PATH}/${key}?${params.toString()}`;
}

export type LocalUrlCheck =
  | { ok: true; key: string; downloadName: string }
  | { ok: false; reason: "invalid" | "expired" };

/** Verifies a `/files/local/<key>?exp&sig[&name]` request. */
export function verifyLocalUrl(
  key: string,
  search: URLSearchParams,
  now = Date.now(),
  secret = env().STORAGE_SIGNING_SECRET,
): LocalUrlCheck {
  const exp = Number(search.get("exp"));
  const sig = search.get("sig") ?? "";
  const downloadName = search.get("name") ?? "";
  if (!isValidKey(key) || !Number.isInteger(exp) || !sig) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signature(key, exp, downloadName, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (exp * 1000 <= now) return { ok: false, reason: "expired" };
  return { ok: true, key, downloadName };
}

/** `Content-Disposition` value safe for any file name (ASCII fallback plus RFC 5987 UTF-8). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[^\w.-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
