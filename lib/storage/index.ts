import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createLocalStorage } from "@/lib/storage/local";
import { createS3Storage } from "@/lib/storage/s3";
import type { Storage } from "@/lib/storage/types";

export * from "@/lib/storage/types";

// The process-wide storage, chosen by STORAGE_BACKEND (local by default).
const globalForStorage = globalThis as unknown as { __sextinvalleStorage?: { signature: string; storage: Storage } };

export function createStorageFromEnv(config = env()): Storage {
  if (config.STORAGE_BACKEND === "local") {
    return createLocalStorage(config.STORAGE_LOCAL_DIR, config.STORAGE_SIGNING_SECRET);
  }
  if (!config.S3_BUCKET) {
    throw new AppError("unavailable", "El almacenamiento S3 no está configurado (falta S3_BUCKET).");
  }
  return createS3Storage({
    backend: config.STORAGE_BACKEND,
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.STORAGE_BACKEND === "minio",
  });
}

export function storage(): Storage {
  const config = env();
  const signature = [config.STORAGE_BACKEND, config.STORAGE_LOCAL_DIR, config.S3_BUCKET, config.S3_ENDPOINT].join("|");
  const current = globalForStorage.__sextinvalleStorage;
  if (current && current.signature === signature) return current.storage;
  const created = createStorageFromEnv(config);
  globalForStorage.__sextinvalleStorage = { signature, storage: created };
  return created;
}
