import { describe, expect, it } from "vitest";
import type { SaleSnapshot } from "@/lib/sales/types";
import { expandChatAbbreviations } from "@/lib/agent/analysis/chat-text";
import { clientLookupFrom } from "@/lib/agent/understanding/client-lookup";
import { composeAnswer } from "@/lib/agent/wording/compose";
import { styleFromInstructions } from "@/lib/agent/wording/instruction-style";
import { replaceNumberWords, stem } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import { loadCatalog, loadCompany } from "@/lib/agent/test-support/fixtures";
import { conceptTerms } from "@/lib/agent/retrieval/concepts";
import { planTurn, type TurnPlan } from "@/lib/agent/planning/plan";
import type { HistoryTurn } from "./types";

const catalog = loadCatalog();
const company = loadCompany();

function converse(messages: string[], withShownSkus = true): TurnPlan[] {
  const history: HistoryTurn[] = [];
  let sale: SaleSnapshot | null = null;
  return messages.map((text) => {
    const plan = planTurn({ text, history: history.slice(-10), sale, catalog, company, isStaff: false });
    sale = plan.sale;
    const shownSkus = withShownSkus ? plan.products.map((p) => p.sku) : undefined;
    history.push(
      { role: "user", text, intent: plan.intent },
      { role: "assistant", text: composeAnswer(plan.facts), shownSkus },
    );
    return plan;
  });
}
const last = (messages: string[]) => converse(messages).at(-1) as TurnPlan;
const lines = (plan: TurnPlan) => plan.sale?.lines.map((l) => [l.sku, l.quantity]);

describe("phoneticKey", () => {
  it.each([
    ["kasco", "casco"],
    ["baketa", "vaqueta"],
    ["botikin", "botiquin"],
    ["mosketon", "mosqueton"],
    ["umo", "humo"],
    ["estintor", "extintor"],
    ["yave", "llave"],
    ["guantez", "guantes"],
    ["reutilisable", "reutilizable"],
  ])("%s sounds like %s", (typo, word) => expect(phoneticKey(typo)).toBe(phoneticKey(word)));

  it.each([
    ["casco", "gafas"],
    ["bota", "gorra"],
  ])("%s does not sound like %s", (a, b) => expect(phoneticKey(a)).not.toBe(phoneticKey(b)));
});

describe("expandChatAbbreviations", () => {
  it.each([
    ["q precio tiene", "que precio tiene"],
    ["algo pa los oidos xfa", "algo para los oidos por favor"],
    ["kiero 5 cascos", "quiero 5 cascos"],
    ["x favor", "por favor"],
    ["caja x20", "caja x20"],
    ["Calle 5 D # 38-25", "Calle 5 D # 38-25"],
    ["Laura Gómez", "Laura Gómez"],
    ["ventas@pa.co", "ventas@pa.co"],
  ])("%s → %s", (input, expected) => expect(expandChatAbbreviations(input)).toBe(expected));
});

describe("thesaurus concepts", () => {
  it.each([
    ["oidos", "tapon"],
    ["ojos", "gafa"],
    ["pulo", "careta"],
    ["manos", "guante"],
    ["pies", "bota"],
    ["caerme", "arnes"],
    ["cocina", "extintor"],
    ["lluvia", "impermeable"],
    ["accidenta", "botiquin"],
  ])("%s → %s", (word, product) => expect(conceptTerms(stem(word))).toContain(stem(product)));

  it("unknown words are not concepts", () => expect(conceptTerms(stem("factura"))).toEqual([]));
});

describe("number words", () => {
  it.each([
    ["una decena", ["10"]],
    ["dos decenas", ["20"]],
    ["100 mil", ["100000"]],
    ["medio docena", ["6"]],
    ["mil", ["1000"]],
  ])("%s", (input, expected) => expect(replaceNumberWords(input.split(" "))).toEqual(expected));
});

describe("retrieval by need, typo and spec", () => {
  it.each([
    ["q tienen pa los ojos cuando pulo", ["VIS-001", "VIS-004", "VIS-005"]],
    ["algo para no caerme del andamio", ["ALT-001", "ALT-002", "ALT-003", "ALT-008"]],
    ["q tienen pa los pies", ["CAL-001", "CAL-002", "CAL-003"]],
    ["guantes de baketa", ["MAN-002"]],
    ["detectores de umo", ["INC-008"]],
    ["tienen estinguidor de 20 libras", ["INC-002"]],
  ])("%s", (text, expected) => {
    const shown = last([text]).products.map((p) => p.sku);
    expect(expected.some((s) => shown.includes(s))).toBe(true);
  });

  it("search can be limited to given SKUs", () => {
    const hits = catalog.search("cascos", { skus: ["CAB-002", "MAN-001"] });
    expect(hits.map((h) => h.product.sku)).toEqual(["CAB-002"]);
  });
});

describe("purchases in chat Spanish", () => {
  it.each([
    ["kiero 10 kascos amarillos", [["CAB-002", 10]]],
    ["mandeme un par de extintores de 20 lb", [["INC-002", 2]]],
    ["agregueme 8 chalecos naranjas", [["ROP-001", 8]]],
    ["quiero mil tapones de espuma", [["AUD-001", 1000]]],
    ["hagame el pedido de 2 extintores de co2", [["INC-003", 2]]],
    ["dos cajas de guantes de nitrilo desechables", [["MAN-005", 2]]],
    [
      "quiero 2 arneses de 4 argollas y 2 eslingas con absorbedor",
      [
        ["ALT-001", 2],
        ["ALT-003", 2],
      ],
    ],
    ["kiero una decena de señales de salida", [["SEN-001", 10]]],
  ])("%s", (text, expected) => {
    const plan = last([text]);
    expect(plan.intent).toBe("venta");
    expect(lines(plan)).toEqual(expected);
  });

  it.each([
    ["hacen recarga de extintores?", "contexto"],
    ["tienen credito pa empresas?", "contexto"],
    ["un extintor pa la cocina", "inventario"],
    ["aceptan nequi?", "contexto"],
  ])("%s → %s", (text, intent) => expect(last([text]).intent).toBe(intent));
});

describe("corrections, references and data across turns", () => {
  it.each<[string, string[], Array<[string, number]>]>([
    [
      "correction by attribute",
      ["quiero 5 cascos blancos y 5 cascos amarillos", "cambie los amarillos a 10"],
      [
        ["CAB-001", 5],
        ["CAB-002", 10],
      ],
    ],
    ["usted remove", ["quiero 4 gafas oscuras y 4 gafas claras steelpro", "quiteme las claras"], [["VIS-002", 4]]],
    ["no, mejor N", ["kiero 5 kascos amarillos", "no, mejor 8"], [["CAB-002", 8]]],
    ["money is not a quantity", ["quiero 3 botiquines", "dejemelos a 100 mil cada uno"], [["AUX-001", 3]]],
    ["'de una' confirms, never adds one", ["quiero 3 botiquines", "de una"], [["AUX-001", 3]]],
    ["packaging picks among shown", ["q guantes tienen pa soldar", "deme 10 pares de esos"], [["MAN-003", 10]]],
    ["pinpointed follow-up", ["tienen cascos?", "y amarillos?", "mandeme 5 de esos"], [["CAB-002", 5]]],
    ["bare quantity after a list", ["quiero guantes de nitrilo", "los de talla 9", "veinte pares"], [["MAN-001", 20]]],
  ])("%s", (_name, messages, expected) => expect(lines(last(messages))).toEqual(expected));

  it("falls back to SKUs in the answer text when shownSkus is absent", () => {
    const plans = converse(["¿tienen línea de vida vertical?", "agrega 3 de esos"], false);
    expect(lines(plans[1] as TurnPlan)).toEqual([["ALT-005", 3]]);
  });

  it("a name given before any product is kept for checkout", () => {
    const plan = last(["hola, soy Camila Torres", "necesito 3 arneses de una argolla"]);
    expect(plan.sale?.customer.name).toBe("Camila Torres");
  });

  it("legal name keeps its articles and 'de una' is not a name", () => {
    const plans = converse([
      "10 extintores de 20 libras pa la empresa",
      "eso es todo",
      "razon social Constructora El Roble SAS, NIT 900.456.789-1",
      "de una",
    ]);
    expect(plans[3]?.sale?.customer.name).toBe("Constructora El Roble SAS");
  });

  it("usted cancel", () =>
    expect(last(["quiero 2 cascos amarillos", "sabe que, cancele el pedido"]).sale?.state).toBe("cancelada"));
});

describe("client lookup with lower-case names", () => {
  it.each([
    ["historial de compras de laura gomez", "Laura Gomez"],
    ["cuanto ha gastado pedro ramirez este año", "Pedro Ramirez"],
    ["que ha comprado constructora el roble", "Constructora el Roble"],
    ["Historial de compras de Juan Pérez", "Juan Pérez"],
  ])("%s → %s", (text, name) => expect(clientLookupFrom(text).name).toBe(name));
});

describe("instructions shape wording, never facts", () => {
  it.each([
    ["Responde corto", { brief: true, register: null }],
    ["trátame de usted", { brief: false, register: "formal" }],
    ["no uses usted, tutea al cliente", { brief: false, register: "informal" }],
    ["respuestas breves y formales", { brief: true, register: "formal" }],
    ["no seas breve", { brief: false, register: null }],
    ["menciona la garantía", { brief: false, register: null }],
  ])("%s", (text, expected) => expect(styleFromInstructions(text)).toEqual(expected));

  const facts = last(["hola, me llevo 10 chalecos naranja"]).facts;
  const plain = composeAnswer(facts);

  it("brief drops optional sentences but keeps every line item and total", () => {
    const brief = composeAnswer(facts, { instructions: "responde corto" });
    expect(brief.length).toBeLessThan(plain.length);
    expect(brief).not.toContain("¿Necesitas algo más");
    expect(brief).toContain("ROP-001");
    expect(brief).toContain("$ 149.000");
  });

  it("usted register uses the formal wording with the same facts", () => {
    const formal = composeAnswer(facts, { tone: "amigable", instructions: "trate al cliente de usted" });
    expect(formal).toBe(composeAnswer(facts, { tone: "formal" }));
    expect(formal).toContain("$ 149.000");
  });
});
