import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Company text the agent answers from. Every save is a new version; older versions stay readable.
export function getCurrentCompanyInfo() {
  return db().companyInfo.findFirst({ orderBy: { version: "desc" } });
}

export function listCompanyInfoVersions(take = 20) {
  return db().companyInfo.findMany({
    orderBy: { version: "desc" },
    take,
    select: { id: true, version: true, createdAt: true, createdById: true, content: true },
  });
}

export function getCompanyInfoVersion(version: number) {
  return db().companyInfo.findUnique({ where: { version } });
}

export async function saveCompanyInfo(content: string, principal: Principal | null, expectedVersion?: number) {
  return db().$transaction(async (tx) => {
    const current = await tx.companyInfo.findFirst({ orderBy: { version: "desc" } });
    if (expectedVersion !== undefined && current && current.version !== expectedVersion) {
      throw new AppError(
        "conflict",
        `Alguien guardó la versión ${current.version} mientras editabas. Recarga para ver sus cambios.`,
      );
    }
    if (current && current.content === content) return current;
    const version = (current?.version ?? 0) + 1;
    const saved = await tx.companyInfo.create({
      data: { version, content, createdById: principal?.kind === "user" ? principal.id : null },
    });
    await recordAudit(
      principal,
      {
        action: "company.update",
        entityType: "company",
        entityId: version,
        before: current ? { version: current.version, content: current.content } : null,
        after: { version, content },
      },
      tx,
    );
    return saved;
  });
}
