import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
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
  /** Bytes per multipart part (S3's minimum for every part but the last is 5 MiB). */
  partSize?: number;
};

export const MIN_PART_SIZE = 5 * 1_048_576;
const DEFAULT_PART_SIZE = 8 * 1_048_576;

/** The body in pieces of exactly `size` bytes (the last one shorter): one piece in memory at a time. */
async function* parts(body: AsyncIterable<string | Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    let bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk, "utf8")
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (length + bytes.length >= size) {
      const take = size - length;
      pending.push(bytes.subarray(0, take));
      yield Buffer.concat(pending, size);
      bytes = bytes.subarray(take);
      pending = [];
      length = 0;
    }
    if (bytes.length > 0) {
      // copy: the producer may reuse its buffer once we ask for the next chunk
      pending.push(Buffer.from(bytes));
      length += bytes.length;
    }
  }
  yield Buffer.concat(pending, length);
}

const EXPIRES_META = "expires-at";
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

type Sdk = typeof import("@aws-sdk/client-s3");

export function createS3Storage(config: S3StorageConfig): Storage {
  // The AWS SDK (~1 MB of code with its @smithy and @aws-sdk dependencies) is imported on the first call, not
  // when the storage is chosen: most instances store files locally (issue 12: idle RSS).
  let connecting: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const connect = () => {
    if (!connecting) {
      connecting = import("@aws-sdk/client-s3").then((sdk) => ({ sdk, client: newClient(sdk) }));
      // a failed import is retried by the next call
      connecting.catch(() => {
        connecting = undefined;
      });
    }
    return connecting;
  };
  const newClient = (sdk: Sdk) =>
    new sdk.S3Client({
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
  const partSize = Math.max(MIN_PART_SIZE, config.partSize ?? DEFAULT_PART_SIZE);

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
    const { sdk, client } = await connect();
    try {
      return toMeta(key, await client.send(new sdk.HeadObjectCommand({ Bucket, Key: key })));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function* listKeys(prefix: string): AsyncGenerator<{ key: string; size: number }> {
    const { sdk, client } = await connect();
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket, Prefix: prefix || undefined, ContinuationToken: token }),
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
      const { sdk, client } = await connect();
      await client.send(new sdk.PutObjectCommand({ Bucket, Key: key, ContentType, Metadata, ...body }));
      return (await head(key)) as StoredObjectMeta;
    },

    async putStream(key, body, options) {
      assertValidKey(key);
      const ContentType = assertAllowedContentType(options.contentType);
      const Metadata = options.expiresAt ? { [EXPIRES_META]: options.expiresAt.toISOString() } : undefined;
      const { sdk, client } = await connect();
      const pieces = parts(body, partSize);
      const first = await pieces.next();
      const firstPart = first.done ? Buffer.alloc(0) : first.value;
      if (firstPart.length < partSize) {
        // small file: one request
        await client.send(new sdk.PutObjectCommand({ Bucket, Key: key, ContentType, Metadata, Body: firstPart }));
        return (await head(key)) as StoredObjectMeta;
      }
      // large file: a multipart upload, one part in flight while the next is produced; the object exists only
      // after CompleteMultipartUpload, and a failure aborts the upload so no parts linger
      const { UploadId } = await client.send(
        new sdk.CreateMultipartUploadCommand({ Bucket, Key: key, ContentType, Metadata }),
      );
      const done: { ETag: string; PartNumber: number }[] = [];
      try {
        let part: Buffer | undefined = firstPart;
        while (part) {
          const PartNumber = done.length + 1;
          const uploading: Promise<{ ETag?: string }> = client.send(
            new sdk.UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber, Body: part }),
          );
          const next: Promise<IteratorResult<Buffer>> = pieces.next();
          const [uploaded, produced] = await Promise.all([uploading, next]);
          done.push({ ETag: uploaded.ETag ?? "", PartNumber });
          part = produced.done || produced.value.length === 0 ? undefined : produced.value;
        }
        await client.send(
          new sdk.CompleteMultipartUploadCommand({ Bucket, Key: key, UploadId, MultipartUpload: { Parts: done } }),
        );
      } catch (error) {
        await pieces.return(undefined).catch(() => undefined);
        await client.send(new sdk.AbortMultipartUploadCommand({ Bucket, Key: key, UploadId })).catch(() => undefined);
        throw error;
      }
      return (await head(key)) as StoredObjectMeta;
    },

    head,

    async get(key) {
      assertValidKey(key);
      const { sdk, client } = await connect();
      try {
        const r = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
        return { meta: toMeta(key, r), body: r.Body as Readable };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      assertValidKey(key);
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },

    async presign(key: string, options: PresignOptions) {
      assertValidKey(key);
      const [{ sdk, client }, { getSignedUrl }] = await Promise.all([
        connect(),
        import("@aws-sdk/s3-request-presigner"),
      ]);
      const command = new sdk.GetObjectCommand({
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
      const { sdk, client } = await connect();
      await client.send(new sdk.HeadBucketCommand({ Bucket }));
    },
  };
  return storage;
}
