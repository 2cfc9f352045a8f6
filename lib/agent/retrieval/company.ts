// Company knowledge (empresa.md) split by "## " headings; questions get only the sections they need.

import { foldText } from "@/lib/agent/analysis/normalize";

export type CompanySection = { title: string; content: string };
export type CompanySections = { name: string; sections: CompanySection[] };
export type CompanyAnswer = { sections: CompanySection[]; summary: boolean };

export function parseCompanyMarkdown(markdown: string): CompanySections {
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  let name = "la empresa";
  const sections: CompanySection[] = [];
  let current: { title: string; body: string[] } | null = null;
  const flush = () => {
    if (current) sections.push({ title: current.title, content: current.body.join("\n").trim() });
  };
  for (const line of lines) {
    if (line.startsWith("# ")) name = line.slice(2).trim();
    else if (line.startsWith("## ")) {
      flush();
      current = { title: line.slice(3).trim(), body: [] };
    } else if (current) current.body.push(line);
  }
  flush();
  return { name, sections };
}

// Keyed by the folded heading; patterns run on folded text. New headings simply get no topic words.
const TOPICS: Array<{ heading: string; patterns: RegExp[] }> = [
  {
    heading: "quienes somos",
    patterns: [
      /quienes (son|somos|es)/,
      /que es sextinvalle/,
      /desde cuando/,
      /trayectoria/,
      /conocer(los| la empresa)/,
      /\b(al por mayor|mayoristas?)\b/,
    ],
  },
  {
    heading: "que hacemos",
    patterns: [
      /que (hacen|venden|ofrecen|servicios)/,
      /a que se dedican/,
      /servicios/,
      /capacitacion/,
      /asesor(ia|an|a|en|amiento|ar|arme|arnos)\b/,
      /matriz de riesgos?/,
      /prueba hidrostatica/,
      /\b(hacen|realizan|ofrecen) (recarga|mantenimiento)/,
    ],
  },
  {
    heading: "ubicacion y horario",
    patterns: [
      /donde (queda|quedan|estan|se encuentran|los encuentro|puedo recoger)/,
      // "¿en qué parte de Cali quedan?"
      /\ben (que|cual) (parte|lugar|sitio|sector|barrio|zona)\b.*\b(queda|quedan|estan)\b/,
      /ubicad/,
      /ubicacion/,
      /\bsede\b/,
      /punto de venta/,
      /direccion (de la tienda|del almacen|de ustedes)/,
      /horario/,
      /a que hora/,
      /\babren\b/,
      /\bcierran\b/,
      /atienden/,
      /sabado/,
      /domingo/,
      /festivo/,
      /\btienda\b/,
    ],
  },
  {
    heading: "contacto",
    patterns: [
      /contact/,
      /telefono/,
      /whatsapp/,
      /\bcorreo\b/,
      /\bemail\b/,
      /llamar/,
      /pagina web/,
      /sitio web/,
      /comunicar/,
    ],
  },
  {
    heading: "envios",
    patterns: [
      /envi(o|os|an|ar|en)\b/,
      /domicilio/,
      /despach/,
      /\bentreg/,
      /flete/,
      /transportadora/,
      /\bllega/,
      /recoger/,
      /(cuanto|que tanto) (se )?(demora|tarda)/,
    ],
  },
  {
    heading: "formas de pago",
    patterns: [
      /\bpag(o|os|ar|an)\b/,
      /tarjeta/,
      /transferencia/,
      /\bpse\b/,
      /efectivo/,
      /credito/,
      /nequi/,
      /daviplata/,
      /consignacion/,
    ],
  },
  {
    heading: "precios e impuestos",
    patterns: [
      /\biva\b/,
      /impuesto/,
      /incluye(n)? iva/,
      /validez/,
      /precios incluyen/,
      /\bvigen(te|tes|cia)\b/,
      // "¿hasta cuándo es válida la cotización?", "las cotizaciones cuánto duran".
      /cotizacion.*\b(valid\w*|vence\w*|vencimiento|duran?)\b|\b(valid\w*|vence\w*|duran?)\b.*cotizacion/,
    ],
  },
  { heading: "facturacion", patterns: [/factura/, /\brut\b/] },
  {
    heading: "garantia y devoluciones",
    patterns: [
      /garantia/,
      /devol/,
      /\bcambi(o|ar|an|en) (de )?talla/,
      // "si las botas no me quedan, ¿me las cambian?"
      /\bno me (queda|quedan|sirve|sirven)\b.*\bcambi/,
      /\b(me|se) (lo|la|los|las) cambi(an|a|en)\b/,
      // "¿se pueden cambiar las botas si me quedan pequeñas?"
      /\bcambi\w*\b.*\b(queda|quedan) (pequen|grande|apretad|mal|chiquit)/,
      /reembolso/,
      /defecto/,
    ],
  },
  { heading: "certificaciones", patterns: [/certific/, /ficha tecnica/, /\bnormas?\b/, /homologad/] },
];

const SUMMARY_PATTERNS = [
  /informacion (de|sobre) (la empresa|ustedes|sextinvalle)/,
  /(hablame|cuentame|hableme|cuenteme) (de|sobre) (ustedes|la empresa|sextinvalle)/,
  /^(la )?empresa\??$/,
];
const SUMMARY_HEADINGS = ["quienes somos", "que hacemos", "contacto"];

function byHeading(company: CompanySections, heading: string): CompanySection | undefined {
  return company.sections.find((s) => foldText(s.title) === heading);
}

// Questions about what the company does or accepts, whichever product they mention.
const SERVICE_QUESTION = [
  /\b(hacen|realizan|prestan|ofrecen|dan|brindan|tienen servicio de)\b.*\b(recarga|mantenimiento|prueba|capacitacion|curso|asesoria|instalacion|credito|factura|domicilio|envio|garantia)/,
  /\b(aceptan|reciben|puedo pagar|se puede pagar|pagar con)\b/,
  /\b(al por mayor|por mayor|mayoristas?|distribuidores?)\b/,
  /\bcredito (a|para|pa) (empresas?|\d+ dias)\b/,
  /\b(cuanto|que tanto) (demora|tarda|se demora|se tarda)\b/,
];

export function isServiceQuestion(text: string): boolean {
  const folded = foldText(text);
  return SERVICE_QUESTION.some((p) => p.test(folded));
}

/** Does the text ask about the company at all (used by the classifier)? */
export function mentionsCompanyTopic(text: string): boolean {
  const folded = foldText(text);
  return SUMMARY_PATTERNS.some((p) => p.test(folded)) || TOPICS.some((t) => t.patterns.some((p) => p.test(folded)));
}

/** Sections relevant to a question, best first; the summary trio for "información de la empresa". */
export function findCompanySections(company: CompanySections, question: string): CompanyAnswer {
  const folded = foldText(question)
    .replace(/[¿?¡!.,]/g, "")
    .trim();
  if (SUMMARY_PATTERNS.some((p) => p.test(folded))) {
    const sections = SUMMARY_HEADINGS.map((h) => byHeading(company, h)).filter((s): s is CompanySection => !!s);
    return { sections, summary: true };
  }
  const scored = TOPICS.map((topic) => ({ topic, hits: topic.patterns.filter((p) => p.test(folded)).length }))
    .filter((t) => t.hits > 0)
    .sort((a, b) => b.hits - a.hits);
  const sections = scored
    .map((t) => byHeading(company, t.topic.heading))
    .filter((s): s is CompanySection => !!s)
    .slice(0, 2);
  return { sections, summary: false };
}
