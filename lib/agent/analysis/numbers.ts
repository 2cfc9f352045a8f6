// Spanish number words → digits ("treinta y cinco" → 35, "media docena" → 6) over folded tokens.

const UNITS: Record<string, number> = {
  cero: 0,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiun: 21,
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
};

const TENS: Record<string, number> = {
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
};

const HUNDREDS: Record<string, number> = {
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
};

const MULTIPLIERS: Record<string, number> = { mil: 1000, millon: 1_000_000, millones: 1_000_000 };
// "dos docenas" → 24, "una decena" → 10.
const GROUPS: Record<string, number> = {
  docena: 12,
  docenas: 12,
  decena: 10,
  decenas: 10,
  millon: 1_000_000,
  millones: 1_000_000,
};

/** Value of a single number word, or null. */
export function parseNumberWord(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return UNITS[word] ?? TENS[word] ?? HUNDREDS[word] ?? (word === "mil" ? 1000 : null);
}

function isNumberWord(word: string | undefined): word is string {
  return word !== undefined && (word in UNITS || word in TENS || word in HUNDREDS || word === "mil");
}

/** Reads a number phrase starting at `start`; returns value and tokens consumed (0 if none). */
function readNumber(tokens: readonly string[], start: number): { value: number; used: number } {
  let i = start;
  let total = 0;
  let current = 0;
  let seen = false;
  while (i < tokens.length) {
    const word = tokens[i] as string;
    if (word in HUNDREDS) current += HUNDREDS[word] as number;
    else if (word in TENS) {
      current += TENS[word] as number;
      // "treinta y cinco": the "y" only joins tens with a following unit word.
      const unitWord = tokens[i + 2];
      if (
        tokens[i + 1] === "y" &&
        unitWord !== undefined &&
        (UNITS[unitWord] ?? 0) > 0 &&
        (UNITS[unitWord] ?? 0) < 10
      ) {
        current += UNITS[unitWord] as number;
        i += 2;
      }
    } else if (word in UNITS) current += UNITS[word] as number;
    else if (word === "mil") {
      total += (current || 1) * 1000;
      current = 0;
    } else break;
    seen = true;
    i++;
  }
  return seen ? { value: total + current, used: i - start } : { value: 0, used: 0 };
}

/**
 * Replaces number phrases with digit tokens. Dozens: "una docena" → 12, "media docena" → 6,
 * "dos docenas" → 24, "docena" alone → 12.
 */
export function replaceNumberWords(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const word = tokens[i] as string;
    if ((word === "media" || word === "medio") && (tokens[i + 1] === "docena" || tokens[i + 1] === "docenas")) {
      out.push("6");
      i += 2;
      continue;
    }
    if (word === "docena" || word === "decena") {
      out.push(word === "docena" ? "12" : "10");
      i++;
      continue;
    }
    let value: number | null = null;
    let used = 0;
    if (/^\d+$/.test(word)) {
      value = Number(word);
      used = 1;
      // "100 mil", "2 millones": digits with a spoken multiplier (prices, mostly).
      const multiplier = MULTIPLIERS[tokens[i + 1] ?? ""];
      if (multiplier) {
        value *= multiplier;
        used = 2;
      }
    } else if (isNumberWord(word)) {
      const read = readNumber(tokens, i);
      value = read.value;
      used = read.used;
    }
    if (value !== null && used > 0) {
      const after = tokens[i + used] ?? "";
      const group = GROUPS[after];
      if (group) {
        out.push(String(value * group));
        i += used + 1;
      } else {
        out.push(value === 0 && !/^\d+$/.test(word) ? word : String(value));
        i += used;
      }
      continue;
    }
    out.push(word);
    i++;
  }
  return out;
}
