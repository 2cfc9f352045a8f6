// Company instructions ("responde corto", "trátame de usted") change how the offline composer
// words an answer — length and register only. Facts are never added, removed or altered here.

export type Register = "formal" | "informal";
export type InstructionStyle = { brief: boolean; register: Register | null };

const BRIEF = /\b(cort[oa]s?|breves?|concis[oa]s?|resumid[oa]s?|pocas palabras|sin rodeos|al grano|directo)\b/;
const FORMAL = /\b(de usted|usted|ustedes|formal(es|mente)?|ustedear)\b/;
const INFORMAL = /\b(tutea\w*|tutear|de tu|de tú|informal(es|mente)?)\b/;
const NEGATED = (pattern: RegExp) => new RegExp(`\\b(no|nunca|sin)\\s+(\\w+\\s+){0,3}${pattern.source.slice(2)}`);

function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Reads length and register wishes from free-text instructions; unknown wishes are ignored. */
export function styleFromInstructions(instructions: string | undefined): InstructionStyle {
  const text = fold(instructions ?? "");
  if (!text.trim()) return { brief: false, register: null };
  const wants = (p: RegExp) => p.test(text) && !NEGATED(p).test(text);
  const brief = wants(BRIEF);
  const formal = wants(FORMAL);
  const informal = wants(INFORMAL);
  return { brief, register: formal && !informal ? "formal" : informal && !formal ? "informal" : null };
}
