// Catalogues for the agent's tests: the demo one (SKUs, synonyms, categories), the shop's real one (short names,
// no SKUs of its own, one flat category) and a hardware catalogue built here that no data file contains, so a
// mechanism that only works for the shipped catalogues fails its tests.

import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import type { SaleSnapshot } from "@/lib/sales/types";
import { planTurn, type TurnPlan } from "../planning/plan";
import { catalogProductsFromCsv } from "../retrieval/catalog-csv";
import { type CatalogIndex, createCatalogIndex } from "../retrieval/catalog-index";
import { type CompanySections, parseCompanyMarkdown } from "../retrieval/company";
import type { CatalogProduct, HistoryTurn } from "../types";
import { composeAnswer } from "../wording/compose";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

export const loadProducts = () => catalogProductsFromCsv(read("prisma/seed-data/productos.csv"));
export const loadCatalog = () => createCatalogIndex(loadProducts());
export const loadCompany = () => parseCompanyMarkdown(read("prisma/seed-data/empresa.md"));

/** The previous system's catalogue as our import loads it: generated SKUs the shop never chose. */
export function loadRealProducts(): CatalogProduct[] {
  const rows = Papa.parse<Record<string, string>>(read("eval/catalogs/real/productos.csv"), { header: true }).data;
  return rows
    .filter((r) => r.nombre)
    .map((r) =>
      product(
        `SV-${String(r.id).padStart(4, "0")}`,
        r.nombre as string,
        r.descripcion ?? "",
        Number(r.precio),
        Number(r.stock),
        { skuInternal: true },
      ),
    );
}
export const loadRealCatalog = () => createCatalogIndex(loadRealProducts());
export const loadRealCompany = () => parseCompanyMarkdown(read("eval/catalogs/real/empresa.md"));

export function product(
  sku: string,
  name: string,
  description: string,
  price: number,
  stock: number,
  extra: Partial<CatalogProduct> = {},
): CatalogProduct {
  return {
    id: sku,
    sku,
    name,
    description,
    category: "",
    brand: "",
    price,
    stock,
    unit: "unidad",
    standard: null,
    synonyms: [],
    active: true,
    ...extra,
  };
}

/** A small hardware store: kinds, figures and colours nothing in the shop's own data has. */
export function hardwareProducts(): CatalogProduct[] {
  return [
    product("TAL-650", "Taladro percutor 650 W", "Taladro percutor con maletín y mandril de 13 mm", 189000, 12),
    product("TAL-20V", "Taladro inalámbrico 20 V", "Taladro atornillador con dos baterías", 349000, 5),
    product("BRO-8", "Broca para concreto 8 mm", "Broca de tungsteno", 6500, 100),
    product("BRO-10", "Broca para concreto 10 mm", "Broca de tungsteno", 7200, 80),
    product("PIN-BL", "Pintura blanca galón", "Pintura acrílica para interiores", 62000, 30),
    product("PIN-GR", "Pintura gris galón", "Pintura acrílica para interiores", 64000, 3),
    product("ESC-5", "Escalera de aluminio 5 pasos", "Escalera tijera liviana", 280000, 4),
    product("ESC-7", "Escalera de aluminio 7 pasos", "Escalera tijera reforzada", 360000, 2),
    product("MAR-16", "Martillo de uña 16 onzas", "Mango de fibra de vidrio", 32000, 25),
    product("SER-24", "Serrucho 24 pulgadas", "Serrucho para madera", 41000, 9),
  ];
}
export const hardwareCatalog = () => createCatalogIndex(hardwareProducts());
export const hardwareCompany = (): CompanySections =>
  parseCompanyMarkdown(
    "Ferretería La Tuerca es una ferretería de barrio en Palmira.\n\n**Contacto:**\n- Dirección: Calle 30 # 25-10, Palmira\n- Celular: 3151234567\n",
  );

export type Conversation = { plans: TurnPlan[]; answers: string[]; last: TurnPlan; sale: SaleSnapshot | null };

/** Runs messages through planning and wording as one conversation (history and sale carried over). */
export function converse(
  catalog: CatalogIndex,
  company: CompanySections,
  messages: readonly string[],
  isStaff = false,
): Conversation {
  const history: HistoryTurn[] = [];
  let sale: SaleSnapshot | null = null;
  const plans: TurnPlan[] = [];
  const answers: string[] = [];
  for (const text of messages) {
    const plan = planTurn({ text, history: history.slice(-10), sale, catalog, company, isStaff });
    // A closed order stays closed: the pipeline commits it; here the close is simulated as accepted.
    sale =
      plan.effects.some((e) => e.type === "close_order") && plan.sale
        ? { ...plan.sale, state: "cerrada", pending: null }
        : plan.sale;
    const answer = composeAnswer(plan.facts);
    history.push(
      { role: "user", text, intent: plan.intent, understood: plan.understanding.understood },
      { role: "assistant", text: answer, shownSkus: plan.products.map((p) => p.sku) },
    );
    plans.push(plan);
    answers.push(answer);
  }
  return { plans, answers, last: plans[plans.length - 1] as TurnPlan, sale };
}

export const linesOf = (sale: SaleSnapshot | null) => (sale?.lines ?? []).map((l) => [l.sku, l.quantity]);
