import { z } from "zod";
import { isoDay } from "@/lib/domain/bounds";
import { ORDER_STATES } from "@/lib/domain/order-words";
import { AppError } from "@/lib/errors";
import { CSV_DEFAULTS, CSV_EXCEL_ES, type CsvOptions } from "@/lib/exports/csv";
import { DATASET_NAMES } from "@/lib/exports/datasets";
import type { ExportRequest, ExportTarget } from "@/lib/exports/jobs";

// Validation of export requests (console API and legacy query strings). Dates are calendar days in
// Colombia; `hasta` is inclusive. Sales exclude open carts unless asked (`includeOpen` / `incluir_abiertos`).
export { ORDER_STATES };

const STATES_BY_DATASET: Record<ExportTarget, readonly string[]> = {
  inventario: ["activo", "inactivo", "agotado"],
  clientes: [],
  ventas: ORDER_STATES,
  conversaciones: ORDER_STATES,
  reporte: ORDER_STATES,
};

const day = isoDay;

/** Midnight in Colombia (UTC-5, no daylight saving) of a `YYYY-MM-DD` day. */
export function colombiaDayStart(dayText: string, plusDays = 0): Date {
  const [y, m, d] = dayText.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays, 5));
}

export const exportBodySchema = z.strictObject({
  dataset: z.enum([...DATASET_NAMES, "reporte"], { error: "Elige qué quieres exportar." }),
  format: z.enum(["csv", "xlsx"]).default("csv"),
  from: day.optional(),
  to: day.optional(),
  state: z.string().max(40).optional(),
  excel: z.boolean().default(false),
  includeOpen: z.boolean().default(false),
});
export type ExportBody = z.input<typeof exportBodySchema>;

export function toExportRequest(body: z.output<typeof exportBodySchema>): ExportRequest {
  const state = body.state?.trim() || undefined;
  if (state && !STATES_BY_DATASET[body.dataset].includes(state)) {
    throw new AppError("invalid_input", "Ese estado no aplica a estos datos.", {
      fields: { state: `Valores posibles: ${STATES_BY_DATASET[body.dataset].join(", ") || "ninguno"}.` },
    });
  }
  const from = body.from ? colombiaDayStart(body.from) : undefined;
  const to = body.to ? colombiaDayStart(body.to, 1) : undefined;
  if (from && to && from >= to) {
    throw new AppError("invalid_input", "La fecha inicial debe ser anterior a la final.", {
      fields: { to: "Debe ser igual o posterior a la fecha inicial." },
    });
  }
  const csv: CsvOptions = body.excel ? CSV_EXCEL_ES : CSV_DEFAULTS;
  const filters = { from, to, state, ...(body.includeOpen ? { includeOpen: true } : {}) };
  return { dataset: body.dataset, format: body.format, filters, csv, style: "human" };
}

/** Legacy query string: `?desde=&hasta=&estado=&separador=;|,&bom=true`. */
const legacyFlag = z.enum(["true", "false", "1", "0"]).optional();
const legacyDay = (name: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Formato de ${name} inválido. Use YYYY-MM-DD`)
    .pipe(day)
    .optional();

export const legacyExportQuerySchema = z.strictObject({
  desde: day.optional(),
  hasta: day.optional(),
  // the previous system's names for the same dates
  fecha_desde: legacyDay("fecha_desde"),
  fecha_hasta: legacyDay("fecha_hasta"),
  // the previous system's switches: accepted so its clients keep working; our files always hold every column
  incluir_inactivos: legacyFlag,
  solo_con_stock: legacyFlag,
  con_compras: legacyFlag,
  incluir_detalles_cliente: legacyFlag,
  incluir_detalles_producto: legacyFlag,
  tipo_mensaje: z.string().max(40).optional(),
  solo_con_rag: legacyFlag,
  incluir_metadatos: legacyFlag,
  /** `true`: the file itself in the response instead of the JSON pointing at it. */
  descargar: legacyFlag,
  /** Ours: sales also list open carts (states before `cerrada`), as the previous system's `ventas` never did. */
  incluir_abiertos: legacyFlag,
  estado: z.string().max(40).optional(),
  separador: z.enum([",", ";", "coma", "punto_y_coma"]).optional(),
  bom: z.enum(["true", "false", "1", "0"]).optional(),
  formato: z.enum(["csv", "xlsx"]).optional(),
});

export function legacyToExportRequest(
  dataset: ExportTarget,
  q: z.output<typeof legacyExportQuerySchema>,
): ExportRequest {
  const semicolon = q.separador === ";" || q.separador === "punto_y_coma";
  const request = toExportRequest({
    dataset,
    format: q.formato ?? (dataset === "reporte" ? "xlsx" : "csv"),
    from: q.desde ?? q.fecha_desde,
    to: q.hasta ?? q.fecha_hasta,
    state: q.estado,
    excel: false,
    includeOpen: q.incluir_abiertos === "true" || q.incluir_abiertos === "1",
  });
  const bom = q.bom === undefined ? semicolon : q.bom === "true" || q.bom === "1";
  return { ...request, csv: { delimiter: semicolon ? ";" : ",", bom }, style: "legacy" };
}
