import { INTENT_LABELS, intentLabel, ORDER_CHANNEL_LABELS, ORDER_STATE_LABELS } from "@/lib/domain/order-words";

// How one value is written into a file. Two styles: `human` (the console's files: Spanish state, channel and
// intent names, es-CO dates `25/11/2026 14:05`, `Sí`/`No`) and `legacy` (what the legacy `/exportar` clients
// have always read: the stored codes and sortable `2026-11-25 14:05:09`). Timestamps arrive as a Date or as
// epoch milliseconds; both are formatted by arithmetic, without a Date per cell.
export type CellValue = string | number | boolean | Date | null;
export type ColumnKind = "text" | "int" | "money" | "bool" | "datetime" | "state" | "channel" | "intent" | "role";
export type ExportStyle = "human" | "legacy";

const COLOMBIA_OFFSET_MS = -5 * 3_600_000; // Colombia has no daylight saving
const DAY_MS = 86_400_000;
const ROLE_LABELS: Record<string, string> = {
  customer: "Cliente",
  assistant: "Asesor virtual",
  staff: "Asesor",
  system: "Sistema",
};

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Year, month, day of a count of days since 1970-01-01 (H. Hinnant's civil_from_days). */
function civil(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function toMs(value: Date | number | string): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") return Date.parse(value);
  return value.getTime();
}

// consecutive rows often share a timestamp (the lines of one order): remember the last one of each style
const lastFormatted: Record<ExportStyle, { ms: number; text: string }> = {
  human: { ms: Number.NaN, text: "" },
  legacy: { ms: Number.NaN, text: "" },
};

/** Colombian wall-clock time: `25/11/2026 14:05` (human) or `2026-11-25 14:05:09` (legacy). */
export function formatTimestamp(value: Date | number | string, style: ExportStyle): string {
  const ms = toMs(value);
  const cached = lastFormatted[style];
  if (cached.ms === ms) return cached.text;
  const local = ms + COLOMBIA_OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  const [y, m, d] = civil(days);
  const inDay = Math.floor((local - days * DAY_MS) / 1000);
  const hh = pad2(Math.floor(inDay / 3600));
  const mi = pad2(Math.floor(inDay / 60) % 60);
  const text =
    style === "human"
      ? `${pad2(d)}/${pad2(m)}/${y} ${hh}:${mi}`
      : `${y}-${pad2(m)}-${pad2(d)} ${hh}:${mi}:${pad2(inDay % 60)}`;
  lastFormatted[style] = { ms, text };
  return text;
}

/** Excel's serial day number of the Colombian wall-clock time (Excel dates carry no zone). */
export function excelSerial(value: Date | number | string): number {
  return (toMs(value) + COLOMBIA_OFFSET_MS) / DAY_MS + 25_569;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The Spanish word of a coded value (state, channel, intent, role) in the human style; the code otherwise. */
export function wordFor(kind: ColumnKind, code: string, style: ExportStyle): string {
  if (style === "legacy") return code;
  if (kind === "state") return ORDER_STATE_LABELS[code] ?? code;
  if (kind === "channel") return ORDER_CHANNEL_LABELS[code] ?? code;
  if (kind === "intent") return INTENT_LABELS[code] ?? intentLabel(code);
  if (kind === "role") return ROLE_LABELS[code] ?? code;
  return code;
}

const isCoded = (kind: ColumnKind) => kind === "state" || kind === "channel" || kind === "intent" || kind === "role";

/** A CSV cell: text, or a plain integer for numbers and money (so spreadsheets sum them). */
export function csvCell(value: CellValue | bigint | undefined, kind: ColumnKind, style: ExportStyle): string | number {
  if (value === null || value === undefined) {
    return kind === "intent" && style === "human" ? wordFor(kind, "sin_clasificar", style) : "";
  }
  if (kind === "datetime" && (typeof value === "number" || value instanceof Date || typeof value === "string")) {
    return formatTimestamp(value, style);
  }
  if (typeof value === "boolean") return style === "human" ? (value ? "Sí" : "No") : value ? "sí" : "no";
  if (typeof value === "bigint") return kind === "text" ? neutraliseFormula(String(value)) : String(value);
  if (typeof value === "number") return kind === "text" ? neutraliseFormula(String(value)) : Math.round(value);
  if (value instanceof Date) return formatTimestamp(value, style);
  return neutraliseFormula(isCoded(kind) ? wordFor(kind, value, style) : value);
}
