// Labelled evaluation cases (format in eval/README.md): reading, validating, and resolving product names to SKUs.

import { readFileSync } from "node:fs";
import { z } from "zod";

const INTENT = z.enum(["inventario", "venta", "cliente", "contexto"]);
const STATE = z.enum(["iniciada", "pendiente", "recolectando_datos", "listo_para_finalizar", "cerrada", "cancelada"]);

/** A product is named by SKU (demo catalogue) or by its exact name (catalogues without chosen SKUs). */
const ITEM = z
  .object({ sku: z.string().optional(), producto: z.string().optional(), cantidad: z.number().int().positive() })
  .refine((i) => !!i.sku !== !!i.producto, "un ítem lleva sku o producto, no ambos");

const STEP = z.object({ estado: STATE.optional(), items: z.array(ITEM).optional() }).nullable();

export const messageCaseSchema = z.object({
  mensaje: z.string().min(1),
  tipo: INTENT,
  skus: z.array(z.string()).optional(),
  productos: z.array(z.string()).optional(),
  items: z.array(ITEM).optional(),
});

export const dialogCaseSchema = z.object({
  nombre: z.string().min(1),
  turnos: z.array(z.string().min(1)).min(1),
  pasos: z.array(STEP).optional(),
  esperado: z.object({
    estado: STATE.optional(),
    estado_no: STATE.optional(),
    items: z.array(ITEM).optional(),
    total: z.number().int().optional(),
    cliente: z
      .object({ documento: z.string().optional(), cedula: z.string().optional(), nombre: z.string().optional() })
      .optional(),
    respuesta_menciona_stock: z.string().optional(),
    sin_pedido_con_cantidad_mayor_a_stock: z.boolean().optional(),
    asesor: z.boolean().optional(),
    respuesta_contiene: z.array(z.string()).optional(),
  }),
});

type RawMessageCase = z.infer<typeof messageCaseSchema>;
type RawDialogCase = z.infer<typeof dialogCaseSchema>;
type RawItem = z.infer<typeof ITEM>;

export type Item = { sku: string; quantity: number };
export type MessageCase = { text: string; intent: RawMessageCase["tipo"]; acceptable: string[]; items?: Item[] };
export type DialogStep = { state?: string; items?: Item[] } | null;
export type DialogCase = {
  name: string;
  turns: string[];
  steps: DialogStep[];
  expected: {
    state?: string;
    notState?: string;
    items?: Item[];
    total?: number;
    document?: string;
    customerName?: string;
    stockOf?: string;
    neverAboveStock: boolean;
    handover: boolean;
    answerContains: string[];
  };
};
export type CaseSet = { file: string; messages: MessageCase[]; dialogs: DialogCase[] };

/** Looks up the SKU of a product by its exact name (undefined when the catalogue has none). */
export type SkuByName = (name: string) => string | undefined;

export class CaseFileError extends Error {}

function parseLines(file: string): Array<{ line: number; value: unknown }> {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text !== "")
    .map(({ text, line }) => {
      try {
        return { line, value: JSON.parse(text) as unknown };
      } catch {
        throw new CaseFileError(`${file}:${line}: JSON inválido`);
      }
    });
}

function resolver(file: string, skuByName: SkuByName) {
  const sku = (name: string, line: number) => {
    const found = skuByName(name);
    if (!found) throw new CaseFileError(`${file}:${line}: el catálogo no tiene el producto «${name}»`);
    return found;
  };
  const items = (raw: RawItem[] | undefined, line: number): Item[] | undefined =>
    raw?.map((i) => ({ sku: i.sku ?? sku(i.producto as string, line), quantity: i.cantidad }));
  return { sku, items };
}

function toMessage(raw: RawMessageCase, line: number, r: ReturnType<typeof resolver>): MessageCase {
  return {
    text: raw.mensaje,
    intent: raw.tipo,
    acceptable: [...(raw.skus ?? []), ...(raw.productos ?? []).map((name) => r.sku(name, line))],
    items: r.items(raw.items, line),
  };
}

function toDialog(
  raw: RawDialogCase,
  line: number,
  r: ReturnType<typeof resolver>,
  skuByName: SkuByName,
  file: string,
): DialogCase {
  const e = raw.esperado;
  if (raw.pasos && raw.pasos.length !== raw.turnos.length)
    throw new CaseFileError(`${file}:${line}: «pasos» debe tener tantos elementos como «turnos»`);
  const stockOf = e.respuesta_menciona_stock;
  return {
    name: raw.nombre,
    turns: raw.turnos,
    steps: (raw.pasos ?? raw.turnos.map(() => null)).map((s) =>
      s ? { state: s.estado, items: r.items(s.items, line) } : null,
    ),
    expected: {
      state: e.estado,
      notState: e.estado_no,
      items: r.items(e.items, line),
      total: e.total,
      document: e.cliente?.documento ?? e.cliente?.cedula,
      customerName: e.cliente?.nombre,
      // a SKU as written, else a product name
      stockOf: stockOf === undefined ? undefined : (skuByName(stockOf) ?? stockOf),
      neverAboveStock: e.sin_pedido_con_cantidad_mayor_a_stock ?? false,
      handover: e.asesor ?? false,
      answerContains: e.respuesta_contiene ?? [],
    },
  };
}

/** Reads one JSONL file; each line is a message case or a dialog (told apart by `turnos`). */
export function loadCaseSet(file: string, skuByName: SkuByName): CaseSet {
  const set: CaseSet = { file, messages: [], dialogs: [] };
  const r = resolver(file, skuByName);
  for (const { line, value } of parseLines(file)) {
    const isDialog = typeof value === "object" && value !== null && "turnos" in value;
    const parsed = (isDialog ? dialogCaseSchema : messageCaseSchema).safeParse(value);
    if (!parsed.success)
      throw new CaseFileError(`${file}:${line}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    if (isDialog) set.dialogs.push(toDialog(parsed.data as RawDialogCase, line, r, skuByName, file));
    else set.messages.push(toMessage(parsed.data as RawMessageCase, line, r));
  }
  return set;
}
