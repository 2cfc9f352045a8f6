import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPhoto } from "@/app/media/products/[file]/route";
import { runDialog } from "../chat/helpers";
import { staffPrincipal } from "../console/helpers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// Product photos: any common format in, a 160 px square thumbnail and a card size (≤ 640 px, never enlarged) out,
// as WebP through storage; a file that is not an image is refused by its content; the chat's product metadata
// carries the card photo and hides internal SKUs.

describe("product photos", () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "photos-"));
    process.env.STORAGE_BACKEND = "local";
    process.env.STORAGE_LOCAL_DIR = dir;
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("resizes a portrait phone photo to a thumbnail and a card size, replacing the old files", async () => {
    const { saveProductImage } = await import("@/lib/media/product-images");
    const ventas = await staffPrincipal(t.db, "ventas");
    const product = await t.db.product
      .findUniqueOrThrow({ where: { sku: "GUA-001" } })
      .catch(() => t.db.product.findFirstOrThrow({ where: { active: true } }));
    const photo = await sharp({ create: { width: 1500, height: 2000, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const first = await saveProductImage(product.id, photo, ventas);
    const fetchPhoto = (file: string) =>
      getPhoto(new NextRequest(`http://localhost/media/products/${file}`), { params: Promise.resolve({ file }) });
    const name = first.imageKey.replace("products/", "");
    const card = await fetchPhoto(`${name}-card.webp`);
    expect(card.status).toBe(200);
    expect(card.headers.get("content-type")).toBe("image/webp");
    expect(card.headers.get("cache-control")).toContain("immutable");
    const cardMeta = await sharp(Buffer.from(await card.arrayBuffer())).metadata();
    expect([cardMeta.format, cardMeta.width, cardMeta.height]).toEqual(["webp", 480, 640]);
    const thumbMeta = await sharp(Buffer.from(await (await fetchPhoto(`${name}-thumb.webp`)).arrayBuffer())).metadata();
    expect([thumbMeta.width, thumbMeta.height]).toEqual([160, 160]);

    const second = await saveProductImage(product.id, photo, ventas);
    expect(second.imageKey).not.toBe(first.imageKey);
    expect((await fetchPhoto(`${name}-card.webp`)).status).toBe(404);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).imageKey).toBe(second.imageKey);
    expect(await t.db.auditLog.count({ where: { action: "product.image", entityId: String(product.id) } })).toBe(2);
  });

  it("refuses a file that only claims to be an image, and a path outside the photo names", async () => {
    const { saveProductImage } = await import("@/lib/media/product-images");
    const ventas = await staffPrincipal(t.db, "ventas");
    const product = await t.db.product.findFirstOrThrow({ where: { active: true, imageKey: null } });
    await expect(
      saveProductImage(product.id, new TextEncoder().encode("GIF89a no soy una foto"), ventas),
    ).rejects.toMatchObject({
      status: 415,
      detailCode: "imagen_no_valida",
    });
    expect((await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).imageKey).toBeNull();
    const res = await getPhoto(new NextRequest("http://localhost/media/products/..%2Fsecret"), {
      params: Promise.resolve({ file: "../secret" }),
    });
    expect(res.status).toBe(404);
  });

  it("the chat's products carry the card photo, and an internal SKU is flagged", async () => {
    const { saveProductImage } = await import("@/lib/media/product-images");
    const ventas = await staffPrincipal(t.db, "ventas");
    const helmet = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#ffffff" } })
      .jpeg()
      .toBuffer();
    const { imageKey } = await saveProductImage(helmet.id, photo, ventas);
    await t.db.product.update({ where: { sku: "CAB-002" }, data: { skuInternal: true } });
    const [answer] = await runDialog(["¿tienen cascos blancos y amarillos tipo I?"], "fotos-1");
    const products = (answer?.metadatos.productos ?? []) as {
      sku: string;
      imagen?: string | null;
      sku_interno?: boolean;
    }[];
    const white = products.find((p) => p.sku === "CAB-001");
    expect(white?.imagen).toBe(`/media/products/${imageKey.replace("products/", "")}-card.webp`);
    expect(white?.sku_interno).toBe(false);
    const yellow = products.find((p) => p.sku === "CAB-002");
    expect(yellow?.sku_interno).toBe(true);
    expect(yellow?.imagen).toBeNull();
  });
});
