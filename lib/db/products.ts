import { db } from "@/lib/db/client";

export function countActiveProducts(): Promise<number> {
  return db().product.count({ where: { active: true } });
}
