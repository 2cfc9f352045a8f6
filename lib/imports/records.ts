import Papa from "papaparse";
import type { ImportError } from "./parse";

// The CSV records of an upload, with the file line each starts on (a quoted cell may span lines). `readRecords`
// parses the whole text at once; `readRecordsAsync` parses it a slice at a time, yielding to the event loop in
// between, so a 100 000-row file does not hold a server's chat turns for the second papaparse takes over it.

export type RawRecord = { line: number; cells: string[] };
export type Records = { header: string[] | null; records: RawRecord[]; errors: ImportError[] };

/** Characters per slice: about 5 000 rows of a catalogue file. */
const SLICE_CHARS = 500_000;

function emptyRecords(): Records {
  return { header: null, records: [], errors: [] };
}

/**
 * Parses `text` (which starts at a record boundary, on file line `firstLine`) into `out`; false, and nothing
 * added, when it ends inside a quoted cell and `complete` says more text follows (the slice was cut too early).
 */
function parseSlice(text: string, separator: string, firstLine: number, out: Records, complete: boolean): boolean {
  const found: Records = { header: out.header, records: [], errors: [] };
  let line = firstLine;
  let consumed = 0;
  let cutInsideQuotes = false;
  Papa.parse<string[]>(text, {
    delimiter: separator,
    skipEmptyLines: false,
    step: (result, parser) => {
      if (!complete && result.errors.some((e) => e.code === "MissingQuotes")) {
        cutInsideQuotes = true;
        parser.abort();
        return;
      }
      const end = result.meta.cursor;
      const chunk = text.slice(consumed, end);
      const startLine = line;
      line += (chunk.match(/\n/g) ?? []).length; // the cursor includes the row's own line break
      consumed = end;
      const cells = result.data;
      for (const e of result.errors)
        found.errors.push({ line: startLine, message: `Formato CSV inválido: ${e.message}` });
      if (cells.length === 1 && (cells[0] ?? "").trim() === "") return; // blank line
      if (!found.header) found.header = cells;
      else found.records.push({ line: startLine, cells });
    },
  });
  if (cutInsideQuotes) return false;
  out.header = found.header;
  for (const r of found.records) out.records.push(r);
  for (const e of found.errors) out.errors.push(e);
  return true;
}

export function readRecords(text: string, separator: string): Records {
  const out = emptyRecords();
  parseSlice(text, separator, 1, out, true);
  return out;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same records as `readRecords`. Each slice ends at a line break and the next starts after it; a slice whose
 * end falls inside a quoted cell is parsed again twice as long (up to the whole rest of the file), so every cut is
 * one the whole-text parse also makes between two records.
 */
export async function readRecordsAsync(text: string, separator: string, sliceChars = SLICE_CHARS): Promise<Records> {
  const out = emptyRecords();
  let start = 0;
  let line = 1;
  let size = sliceChars;
  while (start < text.length || start === 0) {
    const cut = start + size >= text.length ? -1 : text.indexOf("\n", start + size);
    const end = cut < 0 ? text.length : cut;
    const slice = text.slice(start, end);
    if (!parseSlice(slice, separator, line, out, cut < 0)) {
      size *= 2;
      continue;
    }
    if (cut < 0) break;
    line += (slice.match(/\n/g) ?? []).length + 1;
    start = cut + 1;
    size = sliceChars;
    await yieldToLoop();
  }
  return out;
}
