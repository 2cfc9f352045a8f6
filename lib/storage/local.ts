import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertAllowedContentType, resolveInside } from "@/lib/storage/keys";
import { signLocalUrl } from "@/lib/storage/signing";
import type { PresignOptions, PutOptions, PutSource, Storage, StoredObjectMeta } from "@/lib/storage/types";
import { deleteExpired } from "./expiry";

// Files under one root directory; metadata beside each file in `<file>.meta.json`.
const META_SUFFIX = ".meta.json";

type MetaFile = { contentType: string; createdAt: string; expiresAt: string | null; size: number };

/** Writes the metadata of a finished `<file>.part`, then renames it into place: a reader never sees half a file. */
async function publish(partial: string, file: string, contentType: string, options: PutOptions): Promise<void> {
  const meta: MetaFile = {
    contentType,
    createdAt: new Date().toISOString(),
    expiresAt: options.expiresAt ? options.expiresAt.toISOString() : null,
    size: (await stat(partial)).size,
  };
  await writeFile(file + META_SUFFIX, JSON.stringify(meta));
  await rename(partial, file);
}

export function createLocalStorage(root: string, signingSecret?: string): Storage {
  const base = path.resolve(root);

  async function readMeta(key: string): Promise<StoredObjectMeta | null> {
    const file = resolveInside(base, key);
    try {
      const raw = JSON.parse(await readFile(file + META_SUFFIX, "utf8")) as MetaFile;
      const { size } = await stat(file);
      return {
        key,
        size,
        contentType: raw.contentType,
        createdAt: new Date(raw.createdAt),
        expiresAt: raw.expiresAt ? new Date(raw.expiresAt) : null,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async function* walk(dir: string): AsyncGenerator<string> {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full);
      else if (entry.isFile() && !entry.name.endsWith(META_SUFFIX) && !entry.name.endsWith(".part")) {
        yield path.relative(base, full).split(path.sep).join("/");
      }
    }
  }

  const storage: Storage = {
    backend: "local",

    async put(key: string, source: PutSource, options: PutOptions) {
      const contentType = assertAllowedContentType(options.contentType);
      const file = resolveInside(base, key);
      await mkdir(path.dirname(file), { recursive: true });
      // write beside the target then rename, so a reader never sees half a file
      const partial = `${file}.part`;
      if ("filePath" in source) await copyFile(source.filePath, partial);
      else await writeFile(partial, source.data);
      await publish(partial, file, contentType, options);
      return (await readMeta(key)) as StoredObjectMeta;
    },

    async putStream(key, body, options) {
      const contentType = assertAllowedContentType(options.contentType);
      const file = resolveInside(base, key);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.part`;
      try {
        await pipeline(Readable.from(body), createWriteStream(partial));
        await publish(partial, file, contentType, options);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return (await readMeta(key)) as StoredObjectMeta;
    },

    head: readMeta,

    async get(key) {
      const meta = await readMeta(key);
      if (!meta) return null;
      return { meta, body: createReadStream(resolveInside(base, key)) };
    },

    async delete(key) {
      const file = resolveInside(base, key);
      await rm(file, { force: true });
      await rm(file + META_SUFFIX, { force: true });
    },

    async presign(key: string, options: PresignOptions) {
      resolveInside(base, key);
      return signLocalUrl(key, options.expiresInSeconds, options.downloadName ?? "", Date.now(), signingSecret);
    },

    async *list(prefix = "") {
      for await (const key of walk(base)) {
        if (!key.startsWith(prefix)) continue;
        const meta = await readMeta(key);
        if (meta) yield meta;
      }
    },

    cleanupExpired: (now = new Date()) => deleteExpired(storage, now),

    async usage() {
      let objects = 0;
      let bytes = 0;
      for await (const meta of storage.list()) {
        objects += 1;
        bytes += meta.size;
      }
      return { objects, bytes };
    },

    async check() {
      await mkdir(base, { recursive: true });
      const probe = path.join(base, `.health-${process.pid}`);
      await writeFile(probe, "ok");
      await rm(probe, { force: true });
    },
  };
  return storage;
}
