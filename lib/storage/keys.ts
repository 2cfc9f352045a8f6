import { randomBytes } from "node:crypto";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { ALLOWED_CONTENT_TYPES, type AllowedContentType } from "@/lib/storage/types";

// Keys are segments of [A-Za-z0-9._-] joined by "/", never starting with a dot: no "..", no absolute
// paths, no backslashes, so a key can never leave the storage root.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,120}$/;

export function isValidKey(key: string): boolean {
  if (key.length === 0 || key.length > 300) return false;
  return key.split("/").every((segment) => SEGMENT.test(segment) && !segment.includes(".."));
}

export function assertValidKey(key: string): string {
  if (!isValidKey(key)) throw new AppError("invalid_input", "El nombre del archivo no es válido.");
  return key;
}

export function assertAllowedContentType(contentType: string): AllowedContentType {
  if (!(contentType in ALLOWED_CONTENT_TYPES)) {
    throw new AppError("unsupported_media_type", "Ese tipo de archivo no se puede guardar.");
  }
  return contentType as AllowedContentType;
}

/** A fresh unguessable key such as `exports/3f9c…e1.csv`. */
export function randomKey(prefix: string, extension: string): string {
  return `${prefix}/${randomBytes(16).toString("hex")}.${extension}`;
}

/** Resolves a key inside root, refusing anything that would land outside it. */
export function resolveInside(root: string, key: string): string {
  assertValidKey(key);
  const base = path.resolve(root);
  const full = path.resolve(base, key);
  if (!full.startsWith(base + path.sep)) throw new AppError("invalid_input", "El nombre del archivo no es válido.");
  return full;
}
