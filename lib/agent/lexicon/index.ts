// The agent's generic Spanish lexicon, kept as data (JSON files in this folder) and validated once at load.
// Nothing here names a product: catalogue knowledge comes from the catalogue rows themselves.

import { z } from "zod";
import attributesData from "./attributes.json";
import chatData from "./chat.json";
import citiesData from "./cities.json";
import companyTopicsData from "./company-topics.json";
import conceptsData from "./concepts.json";
import numbersData from "./numbers.json";
import quantityFramesData from "./quantity-frames.json";
import signalsData from "./signals.json";
import stopwordsData from "./stopwords.json";
import unitsData from "./units.json";

const folded = z
  .string()
  .min(1)
  .refine(
    (s) =>
      s ===
      s
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase(),
    "must be folded",
  );
const cues = z.array(folded.refine((s) => /^\^?[a-z0-9 *@.'-]+\$?$/.test(s), "cue syntax")).min(1);
const numberMap = z.record(folded, z.number().int().nonnegative());

const schemas = {
  numbers: z.object({
    units: numberMap,
    tens: numberMap,
    hundreds: numberMap,
    thousand: folded,
    groups: numberMap,
    half: z.array(folded),
    money: z.array(folded),
  }),
  units: z.object({
    measures: z.array(z.object({ unit: folded, dimension: folded, words: z.array(folded).min(1) })),
    packaging: z.array(z.object({ unit: folded, words: z.array(folded).min(1) })),
    paired: z.array(folded),
  }),
  attributes: z.object({
    numberLabels: z.array(folded),
    sizes: z.array(folded),
    sizeLabels: z.array(folded),
    colours: z.record(folded, z.array(folded).min(1)),
    genericHeads: z.array(folded),
    plainWords: z.array(folded).min(1),
  }),
  concepts: z.object({
    concepts: z.array(z.object({ words: z.array(folded).min(1), products: z.array(folded).min(1) })),
  }),
  chat: z.object({ words: z.record(z.string().regex(/^[a-z]+$/), z.string().min(1)) }),
  stopwords: z.object({ words: z.array(folded) }),
  cities: z.object({ cities: z.array(z.string().min(2)) }),
  signals: z.object({
    confirm: cues,
    refuse: cues,
    finish: cues,
    nothingElse: cues,
    cancel: cues,
    greeting: cues,
    thanks: cues,
    handover: cues,
    showCart: cues,
    quote: cues,
    catalogue: cues,
    help: cues,
    cheapest: cues,
    priciest: cues,
    takeIt: cues,
  }),
  quantityFrames: z.object({
    people: z.array(folded).min(1),
    sameQuantity: cues,
    each: z.array(folded).min(1),
    soundAlikes: z.array(folded),
    requestNouns: z.array(folded).min(1),
    deferral: z.object({ later: cues, decide: cues, check: cues }),
    conditionalYes: z.object({ cues }),
    weakYes: z.object({ cues, fillers: z.array(folded) }),
    interjections: z.object({ words: z.array(folded).min(1) }),
    reasonOpeners: cues,
    reasonKeeps: z.array(folded).min(1),
    notCounted: z.array(folded).min(1),
  }),
  companyTopics: z.object({
    topics: z.array(
      z.object({
        topic: folded,
        question: cues,
        text: cues,
        /** How much the topic says "company" when the message also names a product (1 = fully). */
        productWeight: z.number().min(0).max(1).default(1),
      }),
    ),
  }),
};

function load<T>(name: string, schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new Error(`lib/agent/lexicon/${name}.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const lexicon = {
  numbers: load("numbers", schemas.numbers, numbersData),
  units: load("units", schemas.units, unitsData),
  attributes: load("attributes", schemas.attributes, attributesData),
  concepts: load("concepts", schemas.concepts, conceptsData).concepts,
  chat: load("chat", schemas.chat, chatData).words,
  stopwords: new Set(load("stopwords", schemas.stopwords, stopwordsData).words),
  cities: load("cities", schemas.cities, citiesData).cities,
  signals: load("signals", schemas.signals, signalsData),
  quantityFrames: load("quantity-frames", schemas.quantityFrames, quantityFramesData),
  companyTopics: load("company-topics", schemas.companyTopics, companyTopicsData).topics,
};

export type SignalName = keyof typeof lexicon.signals;

/** Compiles phrase cues (`*` = word prefix, `^`/`$` = start/end of the message) into one regular expression. */
export function compileCues(list: readonly string[]): RegExp {
  const alternatives = list.map((cue) => {
    const anchored = cue.startsWith("^");
    const whole = cue.endsWith("$");
    const words = cue
      .slice(anchored ? 1 : 0, whole ? -1 : undefined)
      .split(" ")
      .map((w) => w.replace(/[.@'-]/g, (c) => `\\${c}`).replace(/\*$/, "\\w*"));
    return `${anchored ? "^" : "\\b"}${words.join("\\s+")}${whole ? "$" : "\\b"}`;
  });
  return new RegExp(alternatives.join("|"));
}

/**
 * Words the lexicon itself reads (attribute labels, sizes, colours, the company-topic cues): when a customer writes
 * one, it means that word, so it is never taken for a misspelt product word ("talla" is not "tabla").
 */
export function lexiconWords(): string[] {
  const { numberLabels, sizeLabels, sizes, colours } = lexicon.attributes;
  const cueWords = lexicon.companyTopics.flatMap((t) =>
    t.question.flatMap((cue) => cue.replace(/[\^$*]/g, "").split(" ")),
  );
  return [...numberLabels, ...sizeLabels, ...sizes, ...Object.values(colours).flat(), ...cueWords].filter(
    (w) => w.length >= 4,
  );
}
