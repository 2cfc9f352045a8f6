import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { assertAllowedContentType, assertValidKey } from "@/lib/storage/keys";
import { contentDisposition } from "@/lib/storage/signing";
import type { PresignOptions, PutOptions, PutSource, Storage, StoredObjectMeta } from "@/lib/storage/types";
import { deleteExpired } from "./expiry";

// AWS S3 or an S3-compatible server (MinIO, s3rver: endpoint + path-style). The expiry travels as object
// metadata (`x-amz-meta-expires-at`) so clean-up needs nothing but the bucket.
export type S3StorageConfig = {
  backend: "s3" | "minio";
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
};

const EXPIRES_META = "expires-at";
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

export function createS3Storage(config: S3StorageConfig): Storage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle ?? config.backend === "minio",
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    // s3rver and older MinIO do not understand the newer default checksum headers
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;

  function toMeta(
    key: string,
    r: { ContentLength?: number; ContentType?: string; LastModified?: Date; Metadata?: Record<string, string> },
  ) {
    const expires = r.Metadata?.[EXPIRES_META];
    return {
      key,
      size: r.ContentLength ?? 0,
      contentType: r.ContentType ?? "application/octet-stream",
      createdAt: r.LastModified ?? new Date(0),
      expiresAt: expires ? new Date(expires) : null,
    } satisfies StoredObjectMeta;
  }

  async function head(key: string): Promise<StoredObjectMeta | null> {
    assertValidKey(key);
    try {
      return toMeta(key, await client.send(new HeadObjectCommand({ Bucket, Key: key })));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function* listKeys(prefix: string): AsyncGenerator<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix: prefix || undefined, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) if (item.Key) yield { key: item.Key, size: item.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  const storage: Storage = {
    backend: config.backend,

    async put(key: string, source: PutSource, options: PutOptions) {
      assertValidKey(key);
      const ContentType = assertAllowedContentType(options.contentType);
      const Metadata = options.expiresAt ? { [EXPIRES_META]: options.expiresAt.toISOString() } : undefined;
      // a file streams with a known length, so memory stays flat whatever its size
      const body =
        "filePath" in source
          ? { Body: createReadStream(source.filePath), ContentLength: (await stat(source.filePath)).size }
          : { Body: source.data };
      await client.send(new PutObjectCommand({ Bucket, Key: key, ContentType, Metadata, ...body }));
      return (await head(key)) as StoredObjectMeta;
    },

    head,

    async get(key) {
      assertValidKey(key);
      try {
        const r = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return { meta: toMeta(key, r), body: r.Body as Readable };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async presign(key: string, options: PresignOptions) {
      assertValidKey(key);
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ...(options.downloadName ? { ResponseContentDisposition: contentDisposition(options.downloadName) } : {}),
      });
      const expiresIn = Math.min(MAX_PRESIGN_SECONDS, Math.max(1, Math.floor(options.expiresInSeconds)));
      return getSignedUrl(client, command, { expiresIn });
    },

    async *list(prefix = "") {
      for await (const { key } of listKeys(prefix)) {
        const meta = await head(key);
        if (meta) yield meta;
      }
    },

    cleanupExpired: (now = new Date()) => deleteExpired(storage, now),

    async usage() {
      let objects = 0;
      let bytes = 0;
      for await (const item of listKeys("")) {
        objects += 1;
        bytes += item.size;
      }
      return { objects, bytes };
    },

    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
  return storage;
}
