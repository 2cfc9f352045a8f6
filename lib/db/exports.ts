import { hostname } from "node:os";
import { db } from "@/lib/db/client";

// ExportFile rows: one per generated file (console jobs); the file itself lives in lib/storage.
export type ExportStatus = "pending" | "running" | "ready" | "failed" | "expired";

export type NewExportFile = {
  key: string;
  dataset: string;
  format: string;
  contentType: string;
  fileName: string;
  backend: string;
  filters: unknown;
  createdById: number | null;
  expiresAt: Date;
};

const withCreator = { createdBy: { select: { id: true, name: true, email: true } } } as const;

/** This process, as recorded on the export jobs it runs. */
export function exportRunner(): string {
  return `${hostname()}:${process.pid}`;
}

export function createExportFile(input: NewExportFile) {
  return db().exportFile.create({
    data: { ...input, filters: JSON.stringify(input.filters ?? {}), runner: exportRunner() },
  });
}

/**
 * On start-up: jobs a previous process on this host left pending or running can never finish (their progress
 * would otherwise read "Generando 48 %" until the hourly sweep). Another host's jobs are its own business.
 */
export async function failInterruptedExports(): Promise<number> {
  const host = hostname();
  const { count } = await db().exportFile.updateMany({
    where: {
      status: { in: ["pending", "running"] },
      OR: [{ runner: null }, { runner: { startsWith: `${host}:`, not: exportRunner() } }],
    },
    data: {
      status: "failed",
      error: "La exportación se interrumpió porque el servidor se reinició. Vuelve a generarla.",
      completedAt: new Date(),
    },
  });
  return count;
}

export function getExportFile(id: number) {
  return db().exportFile.findUnique({ where: { id }, include: withCreator });
}

export function findExportFileByKey(key: string) {
  return db().exportFile.findUnique({ where: { key }, include: withCreator });
}

export function listExportFiles(limit = 50) {
  return db().exportFile.findMany({ orderBy: { id: "desc" }, take: limit, include: withCreator });
}

export type ExportFileRow = NonNullable<Awaited<ReturnType<typeof getExportFile>>>;

export function markExportRunning(id: number) {
  return db().exportFile.update({ where: { id }, data: { status: "running", progress: 0 } });
}

export function updateExportProgress(id: number, progress: number, rowCount: number) {
  return db().exportFile.update({
    where: { id },
    data: { progress: Math.max(0, Math.min(99, Math.floor(progress))), rowCount },
  });
}

export function markExportReady(id: number, result: { rowCount: number; size: number }) {
  return db().exportFile.update({
    where: { id },
    data: { status: "ready", progress: 100, ...result, completedAt: new Date(), error: null },
  });
}

export function markExportFailed(id: number, message: string) {
  return db().exportFile.update({
    where: { id },
    data: { status: "failed", error: message.slice(0, 500), completedAt: new Date() },
  });
}

/** Expired rows (and jobs stuck running since before `staleBefore`) become expired/failed. */
export async function expireExportFiles(now = new Date(), staleBefore = new Date(now.getTime() - 3_600_000)) {
  const expired = await db().exportFile.findMany({
    where: { expiresAt: { lte: now }, status: { not: "expired" } },
    select: { id: true, key: true },
  });
  if (expired.length > 0) {
    await db().exportFile.updateMany({
      where: { id: { in: expired.map((e) => e.id) } },
      data: { status: "expired" },
    });
  }
  const stale = await db().exportFile.updateMany({
    where: { status: { in: ["pending", "running"] }, createdAt: { lt: staleBefore } },
    data: { status: "failed", error: "La exportación se interrumpió (el servidor se reinició)." },
  });
  return { expired, staleFailed: stale.count };
}

export async function storedExportBytes(): Promise<{ files: number; bytes: number }> {
  const r = await db().exportFile.aggregate({
    where: { status: "ready" },
    _count: { _all: true },
    _sum: { size: true },
  });
  return { files: r._count._all, bytes: r._sum.size ?? 0 };
}
