import type { Readable } from "node:stream";

// One storage interface for exported files, quotes and product photos: a local directory, AWS S3 or MinIO. Keys are chosen by the
// app (random), never taken from user input; every backend validates them anyway.
export type StorageBackendName = "local" | "s3" | "minio";

export type StoredObjectMeta = {
  key: string;
  size: number;
  contentType: string;
  createdAt: Date;
  expiresAt: Date | null;
};

export type PutSource = { filePath: string } | { data: Uint8Array | string };

export type PutOptions = { contentType: string; expiresAt?: Date | null };

export type PresignOptions = { expiresInSeconds: number; downloadName?: string };

export interface Storage {
  readonly backend: StorageBackendName;
  put(key: string, source: PutSource, options: PutOptions): Promise<StoredObjectMeta>;
  /**
   * Stores bytes as they are produced (pulled one chunk at a time, so a slow store slows the producer). The
   * object appears (head, get, list) only once the whole body arrived; on any failure nothing is left behind.
   */
  putStream(key: string, body: AsyncIterable<string | Uint8Array>, options: PutOptions): Promise<StoredObjectMeta>;
  head(key: string): Promise<StoredObjectMeta | null>;
  get(key: string): Promise<{ meta: StoredObjectMeta; body: Readable } | null>;
  delete(key: string): Promise<void>;
  /** A URL anyone holding it may GET until it expires (relative `/files/local/...` for the local backend). */
  presign(key: string, options: PresignOptions): Promise<string>;
  list(prefix?: string): AsyncIterable<StoredObjectMeta>;
  /** Deletes every object whose expiry has passed; returns the keys deleted. */
  cleanupExpired(now?: Date): Promise<string[]>;
  usage(): Promise<{ objects: number; bytes: number }>;
  /** Throws when the backend cannot be reached (health check). */
  check(): Promise<void>;
}

export const ALLOWED_CONTENT_TYPES = {
  "text/csv; charset=utf-8": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/zip": "zip",
  "application/json": "json",
  "application/pdf": "pdf",
  "image/webp": "webp",
} as const;

export type AllowedContentType = keyof typeof ALLOWED_CONTENT_TYPES;

export const CONTENT_TYPE_BY_FORMAT = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const satisfies Record<string, AllowedContentType>;
