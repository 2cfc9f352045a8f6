// Company knowledge from whatever text the shop wrote (markdown headings, "**Título:**" lines, bullets, plain
// paragraphs). A question is mapped to topics by lexicon/company-topics.json; the answer is the parts of the
// text that speak about those topics. Nothing here knows this company: another shop's text works the same.

import { foldText } from "../analysis/normalize";
import { compileCues, lexicon } from "../lexicon";

export type CompanySection = { title: string; content: string };
export type CompanySections = {
  name: string;
  sections: CompanySection[] /** The text as the shop wrote it. */;
  text: string;
};
export type CompanyAnswer = {
  sections: CompanySection[];
  summary: boolean;
  /** Topics asked about that the company text does not cover. */
  missing: string[];
};

const TOPICS = lexicon.companyTopics.map((t) => ({
  topic: t.topic,
  productWeight: t.productWeight,
  question: compileCues(t.question),
  questionAll: new RegExp(compileCues(t.question).source, "g"),
  text: compileCues(t.text),
}));
const SUMMARY_TOPICS = ["empresa", "servicios", "contacto"];
const HEADING = /^(?:#{1,6}\s+(.+?)\s*#*|\*\*(.+?):?\*\*:?|([A-ZÁÉÍÓÚÑ][^:.!?]{1,40}):)\s*$/u;
const NAME_BEFORE_VERB = /^\s*([A-ZÁÉÍÓÚÑ][\p{L}.&]*(?:\s+[A-ZÁÉÍÓÚÑ][\p{L}.&]*){0,4})\s+(?:es|somos|fue)\b/u;

/** Splits a company text into titled sections; text before the first heading is the introduction. */
export function parseCompanyMarkdown(text: string): CompanySections {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let name: string | null = null;
  const sections: CompanySection[] = [];
  let current: { title: string; body: string[] } = { title: "", body: [] };
  const flush = () => {
    const content = current.body.join("\n").trim();
    if (content) sections.push({ title: current.title, content });
  };
  for (const line of lines) {
    const heading = HEADING.exec(line.trim());
    if (line.startsWith("# ") && name === null) {
      name = line.slice(2).trim();
      continue;
    }
    if (heading) {
      flush();
      current = { title: (heading[1] ?? heading[2] ?? heading[3] ?? "").trim(), body: [] };
    } else current.body.push(line);
  }
  flush();
  name ??= NAME_BEFORE_VERB.exec(sections[0]?.content ?? "")?.[1] ?? "la empresa";
  return { name, sections: sections.map((s) => (s.title ? s : { ...s, title: "Quiénes somos" })), text };
}

/** How strongly the topics say "company" when the message also names a product. */
export function topicWeightBesideProduct(topics: readonly string[]): number {
  return Math.max(0, ...topics.map((t) => TOPICS.find((x) => x.topic === t)?.productWeight ?? 1));
}

/** Company topics a message asks about (ubicacion, horario, contacto, envios, pagos, servicios, …). */
export function companyTopicsIn(text: string): string[] {
  const folded = foldText(text).replace(/[¿?¡!.,;:]/g, " ");
  return TOPICS.filter((t) => t.question.test(folded)).map((t) => t.topic);
}

/**
 * Topics asked about in words of their own. A cue said only with words of the products named ("tarjetas de
 * bloqueo" holds the payment cue "tarjeta") is the product; a longer cue with a word of its own ("punto de venta"
 * beside a product called "Punto de …") is the company.
 */
export function companyTopicsBeside(text: string, isProductWord: (word: string) => boolean): string[] {
  const folded = foldText(text).replace(/[¿?¡!.,;:]/g, " ");
  const ownWords = (match: string) => {
    const content = match.split(/\s+/).filter((w) => w.length > 2 && !lexicon.stopwords.has(w));
    return content.length === 0 || content.some((w) => !isProductWord(w));
  };
  return TOPICS.filter((t) => [...folded.matchAll(t.questionAll)].some((m) => ownWords(m[0]))).map((t) => t.topic);
}

const bullets = (content: string) =>
  content
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The parts of the text about one topic: a section titled for it, else the lines that mention it. */
function aboutTopic(company: CompanySections, topic: string): CompanySection[] {
  const pattern = TOPICS.find((t) => t.topic === topic)?.text;
  if (!pattern) return [];
  const titled = company.sections.filter((s) => s.title && pattern.test(foldText(s.title)));
  if (titled.length > 0) return titled.slice(0, 2);
  const found: CompanySection[] = [];
  for (const section of company.sections) {
    const lines = bullets(section.content).filter((l) => pattern.test(foldText(l)));
    if (lines.length > 0) found.push({ title: section.title, content: lines.slice(0, 4).join("\n") });
  }
  return found.slice(0, 2);
}

/** The sections that answer the topics asked, in the order asked; missing topics are named. */
export function findCompanySections(company: CompanySections, topics: readonly string[]): CompanyAnswer {
  const summary = topics.length === 0 || topics.every((t) => t === "empresa");
  const wanted = summary ? SUMMARY_TOPICS : topics;
  const sections: CompanySection[] = [];
  const missing: string[] = [];
  for (const topic of wanted) {
    const parts = topic === "empresa" && company.sections[0] ? [company.sections[0]] : aboutTopic(company, topic);
    if (parts.length === 0 && !summary) missing.push(topic);
    for (const part of parts)
      if (!sections.some((s) => s.title === part.title && s.content === part.content)) sections.push(part);
  }
  // Nothing written on that: say how to reach a person instead of inventing it.
  if (sections.length === 0 && missing.length > 0) sections.push(...aboutTopic(company, "contacto"));
  return { sections: sections.slice(0, 4), summary, missing };
}

// Questions about what the company does or accepts, whichever product they mention.
const SERVICE_QUESTION = [
  /\b(hacen|realizan|prestan|ofrecen|dan|brindan|dictan|tienen servicio de|fabrican|instalan|recargan)\b.*\b(recarga|mantenimiento|prueba|capacitacion|curso|asesoria|instalacion|credito|factura|domicilio|envio|garantia|inspeccion|senalizacion|extintores)/,
  /\b(aceptan|reciben|puedo pagar|se puede pagar|pagar con)\b/,
  /\b(al por mayor|por mayor|mayoristas?|distribuidores?)\b/,
  /\bcredito (a|para|pa) (empresas?|\d+ dias)\b/,
  /\b(cuanto|que tanto) (demora|tarda|se demora|se tarda)\b/,
  /\b(ustedes )?(recargan|fabrican|instalan|dictan)\b/,
];

export function isServiceQuestion(text: string): boolean {
  const folded = foldText(text);
  return SERVICE_QUESTION.some((p) => p.test(folded));
}
