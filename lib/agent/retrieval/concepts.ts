// Domain thesaurus: customers name the body part, hazard or task ("pa los oídos", "para no caerme",
// "cuando pulo") instead of the product. Each concept maps to the product words that answer it.
// Keys and values go through the same analyser as the index, and the index keeps only the values it
// really contains, so the table is safe for any catalog.

import { stem } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";

const CONCEPTS: Array<{ words: string; products: string }> = [
  {
    words: "oido oidos oreja orejas ruido ruidos ruidoso sordo sorderas escuchar",
    products: "auditivo tapones orejeras",
  },
  {
    words:
      "ojo ojos vista visual pulir pulo pule pulen puliendo pulidora esmerilar esmerilo esmeril esmeriladora chispa chispas salpicadura salpicaduras",
    products: "gafas monogafas careta visor",
  },
  { words: "cara rostro facial", products: "careta visor facial" },
  { words: "mano manos dedo dedos", products: "guante" },
  { words: "pie pies calzado zapatos zapato", products: "bota zapato calzado" },
  { words: "cabeza craneo golpe golpes", products: "casco gorra antigolpes" },
  {
    words:
      "respirar respiracion pulmon pulmones polvo polvos gas gases vapor vapores humo humos olor olores pintar pintura fumigar fumigacion",
    products: "respirador mascarilla filtro cartucho",
  },
  {
    words:
      "altura alturas caer caerme caerse caida caidas caiga andamio andamios techo techos tejado poste postes escalera",
    products: "arnes eslinga linea vida retractil anclaje",
  },
  { words: "fuego fuegos incendio incendios llama llamas cocina apagar quemar conato", products: "extintor" },
  { words: "quimico quimicos acido acidos solvente solventes", products: "quimicos caucho monogafas" },
  {
    words:
      "electricidad electrico electrica electricos electricas electricista electricistas voltaje corriente tension",
    products: "dielectrico electricista bloqueo",
  },
  { words: "soldar soldadura soldador soldadores", products: "soldar soldador soldadura carnaza" },
  { words: "lluvia llueve lluvioso aguacero mojarse mojado", products: "impermeable" },
  { words: "trafico transito via vias carretera vehiculos", products: "cono chaleco reflectivo" },
  { words: "noche nocturno oscuridad", products: "reflectivo linterna" },
  { words: "corte cortes cortar cortarse cortaduras cuchillo vidrio laminas", products: "anticorte" },
  { words: "sol solar", products: "oscuro uv" },
  { words: "herida heridas accidente accidentes lesion lesionado", products: "botiquin primeros auxilios camilla" },
  { words: "derrame derrames aceite aceites hidrocarburo", products: "derrames absorbentes" },
  { words: "evacuacion evacuar", products: "salida emergencia" },
  {
    words: "computador computadores servidor servidores electronico electronicos",
    products: "electronico servidores limpio",
  },
];

let table: Map<string, string[]> | null = null;

function build(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const concept of CONCEPTS) {
    const products = [...new Set(concept.products.split(" ").map(stem))];
    for (const word of concept.words.split(" ")) {
      // Keyed by sound so "accidenta"/"accidente" and typos ("oydos") reach the same concept.
      const key = phoneticKey(stem(word));
      map.set(key, [...new Set([...(map.get(key) ?? []), ...products])]);
    }
  }
  return map;
}

/** Product terms (stemmed) a stemmed query term stands for; empty when it is not a concept. */
export function conceptTerms(term: string): readonly string[] {
  table ??= build();
  return table.get(phoneticKey(term)) ?? [];
}
