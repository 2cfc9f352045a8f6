// Intent by weighted evidence over the message's features (computed once by the offline producer) and the
// sale's context. Signals, not sentence lists: purchase verbs, quantities on named products, company topics,
// control words, customer data, replies to the agent's own questions.

import type { SaleState } from "@/lib/sales/types";
import { foldText } from "../analysis/normalize";
import type { Signals } from "../analysis/signals";
import type { Intent } from "../types";

export type MessageFeatures = {
  /** Folded text without punctuation, number words as digits. */
  numeric: string;
  folded: string;
  signals: Signals;
  hasCustomerData: boolean;
  cartKind: "add" | "set" | "remove";
  mentionsProduct: boolean;
  /** A quantity is attached to a named product. */
  productQuantity: boolean;
  /** A count that names no product ("otros 4 pares", "quíteme 2"). */
  bareCount: boolean;
  /** The only quantity is an article ("un extintor"), which may just be grammar, not a count. */
  articleQuantity: boolean;
  /** Weight of the company topics asked about once the named products' own words are set aside (0..1). */
  companyTopics: number;
  /** Company topics that only the product words suggested ("tarjetas de bloqueo" is not "pago con tarjeta"). */
  labelOnlyTopics: number;
  serviceQuestion: boolean;
  clientLookup: boolean;
  /** The message picks one of the options the agent offered. */
  picksOption: boolean;
  /** The message reads as swapping a product for another ("cámbialo por el amarillo"). */
  swapCue: boolean;
  /** Takes the products the previous answer showed and offered ("sí, agréguelos"). */
  takesShown: boolean;
  /** Lines that each open with a quantity (an order list). */
  quantityLines: number;
  question: boolean;
  /** A question comparing products: about the options asked about, not the answer. */
  comparing: boolean;
};

export type IntentContext = {
  saleState: SaleState | null;
  hasOpenCart: boolean;
  previousIntent?: Intent;
  /** The sale waits for an answer (a product choice, a stock offer, customer data, the confirmation). */
  awaitingAnswer: boolean;
  /** Products the previous answer showed. */
  shownProducts: number;
  /** A product is on the table: the last answer showed one, or the sale offers its stock. */
  productOnTable?: boolean;
};

// Purchase verbs in tú and usted forms with clitics ("mándeme", "agrégueme", "cotíceme", "sepáreme").
const PURCHASE =
  /\b(compr(ar|o|amos|aria|e|en)|me (llevo|lo llevo|los llevo|las llevo)|llevar(e|me|nos)?|ped(ir|imos)|pido|encarg\w*|cotiz\w*|cotic\w*|agreg\w*|anad(e|ir|eme|ele|a|ame)|sum(a|ale|ar|e|ele)|d(e|a)(me|nos)|den(me|nos)|regal(a|e)(me|nos)\w*|separ(a|e|ar)(me|nos|l[oa]s?)?\w*|apart(a|e)(me|nos)\w*|vend(a|e)(me|nos)\w*|(me|nos) (vende|venda|despacha|despache|manda|mande|regala|regale|anota|anote|apunta|apunte|envia|envie|aparta|aparte|separa|separe|cotiza|cotice)(s|n)?|(me|nos) (puede|pueden|podria|podrian|podes) (enviar|mandar|despachar|vender|cotizar|separar|apartar|regalar)|despach(a|e|en)(me|nos)\w*|anot(a|e|en)(me|nos|le)\w*|apunt(a|e|en)(me|nos|le)\w*|mand(a|e|en)(me|nos)\w*|pas(a|e)?(me|nos)|inclu(ir|ya|ye|yan)(me|nos|le|lo|los)?|envi(a|e)(me|nos)\w*|alist(a|e)(me|nos)\w*|pong(a|ame)\w*|ponme|met(e|a|eme|ele|ame)|quita(r|le|me)?|quite(le|me)?|elimina(r)?|saca(r|le)?|saque(le|me)?|carrito|al pedido|mi pedido|en el pedido|(hacer|hag(a|o|amos)(me|nos)?|hazme|montar|monte(me)?) (un|el|mi) pedido)\b/;
const WANT =
  /\b(quiero|quisiera|queria|necesito|necesitamos|requiero|requerimos|ocupo|me da|me das|me vende|me regala|me manda|para llevar)\b/;
const WANTS = new RegExp(WANT.source, "g");
const WANTS_TO_BUY = /\b(quiero|quisiera|necesito|necesitamos|requiero|requerimos) (comprar|pedir|encargar)\b/;
const QUANTITY_ONLY =
  /^(y |mejor |entonces |no |pues |bueno )?(que sean|que sea|ponle|ponme|pongale|dejalo en|dejelo en|dejame|son|eran|era|mejor|solo|serian)?\s*(?:(?:como |mas o menos |aproximadamente )?(?:unos |unas )?)\d+\b(\s+(unidades|unidad|pares|par|cajas|caja|rollos|rollo|paquetes|paquete|de esos|de esas|de ese|de esa))?\s*(por favor|porfa|gracias)?$/;
const INVENTORY =
  /\b(necesito|necesitamos|requiero|requerimos|me interesa(n)?|quiero ver|tienen|tiene|tendran|hay(?! alguien)|manejan|maneja|venden|vende|precios?|cuanto (vale|valen|cuesta|cuestan|sale|salen)|stock|disponib\w*|existencias?|muestr\w*|ensename|busco|buscando|catalogo|productos|referencias|que (tipo|clase)s? de|cual(es)? (me )?(recomienda|sirve)|sirve para|recomienda\w*|opciones)\b/;
// Comparing products is asking about them, whatever money words come with it ("vale la pena pagar la diferencia").
const COMPARISON = /\b(diferencias? (hay )?entre|compar\w*|cual es mejor|cual (me )?conviene|vale la pena|versus|vs)\b/;
const QUESTION_OPENER = /^(que|cual|cuales|cuanto|cuantos|donde|como|tienen|hay|venden|manejan)\b/;

/** A question mark, or a question word opening the message. */
export const readsAsQuestion = (text: string, folded = foldText(text)) =>
  /\?/.test(text) || QUESTION_OPENER.test(folded);
/** Words that ask to buy or want something ("deme", "quiero", "me manda"), outside a purpose clause. */
export const asksToBuy = (folded: string) => {
  const text = folded.replace(PURPOSE_VERB, " ");
  return PURCHASE.test(text) || WANT.test(text);
};
/** A question comparing products: it asks about the options, it picks none. */
export function asksToCompare(text: string): boolean {
  const folded = foldText(text);
  return readsAsQuestion(text, folded) && COMPARISON.test(folded);
}
const ORDINAL_REPLY =
  /^(el|la|los|las)?\s*(primer[oa]?s?|segund[oa]s?|tercer[oa]?s?|cuart[oa]s?|quint[oa]s?|ultim[oa]s?|esos?|esas?|estos?|estas?)\b/;
const HOW_MANY = /\bcuant[oa]s\b(?! (?:dias|horas|semanas|meses|anos|veces|minutos)\b)/;
const SMALL_TALK = /\b(como (estas|esta usted|te va|le va|vas|andas|amaneciste|amanecio)|jaja\w*|jeje\w*)\b/;

// "para sacar ramas": a verb inside a purpose says what the product is for, not what to do with the cart.
const PURPOSE_VERB = /\bpara [a-z]+(?:ar|er|ir)\b/g;
// "me regala el precio de…", "deme la información de…": what is asked for is information, not the goods.
const INFO_REQUEST =
  /\b(?:me |nos )?(?:regal|d|pas|envi|mand|compart)[a-z]*\s+(?:el|los|la|las|un|una)\s+(?:precios?|valor(?:es)?|info(?:rmacion)?|catalogo|ficha(?: tecnica)?|referencias?)\b/g;
// "una escalera que aguante…", "un taladro para perforar…": a want described by what it must do asks what fits.
const NEED_CLAUSE = new RegExp(`\\bque [a-z]{3,}(?:a|e|an|en)\\b|${PURPOSE_VERB.source}`);

const OPEN_STATES = new Set<SaleState>(["iniciada", "pendiente", "recolectando_datos", "listo_para_finalizar"]);

export type IntentScores = Record<Intent, number>;

export function scoreIntents(f: MessageFeatures, ctx: IntentContext): IntentScores {
  const scores: IntentScores = { inventario: 0, venta: 0, cliente: 0, contexto: 0.5 };
  const saleOpen = ctx.saleState !== null && OPEN_STATES.has(ctx.saleState);
  const product = f.mentionsProduct;
  const purchase = PURCHASE.test(f.folded.replace(PURPOSE_VERB, " ").replace(INFO_REQUEST, " "));
  const asksStock = INVENTORY.test(f.folded);
  const comparing = f.comparing;

  if (f.clientLookup) scores.cliente += 5;
  if (purchase) scores.venta += 2.5;
  if (WANTS_TO_BUY.test(f.folded)) scores.venta += 0.5;
  // A number said with a product is how many of it; "un/una" alone may just be an article.
  const explicit = f.productQuantity && !f.articleQuantity;
  if ((purchase || WANT.test(f.folded)) && f.productQuantity) {
    // "necesito 3 alarmas", "véndame una" and a plain "necesito una alarma" order; with a question, or words that
    // ask besides the want ("¿cuánto vale?", "qué opciones hay"), the article is only an article.
    const articleOnly = !explicit && !purchase;
    const inquiry = f.question || INVENTORY.test(f.folded.replace(WANTS, " ")) || NEED_CLAUSE.test(f.folded);
    scores.venta += articleOnly && inquiry ? (f.question ? 1 : 1.5) : 3;
  } else if (explicit) scores.venta += f.question ? 1 : 2.5;
  // "7 chalecos verdes" orders; "un botiquín pa la camioneta" may still be a question about one.
  if (/^((y|e|tambien|ademas) )?\d+\s+\S+/.test(f.numeric) && product && !f.articleQuantity) scores.venta += 1.5;
  // A message that opens with "un/una" and a product, asking nothing, orders one ("una linterna pa la moto").
  else if (/^1\s+\S+/.test(f.numeric) && product && !f.question && !asksStock) scores.venta += 3;
  if (product && f.quantityLines >= 2) scores.venta += 3;
  if (asksStock) scores.inventario += 1.5;
  if (product) scores.inventario += 1.2;
  if (product && COMPARISON.test(f.folded) && !f.productQuantity) scores.inventario += 2.5;
  if (f.signals.catalogue && !f.productQuantity) scores.inventario += 1.5;
  if ((f.signals.cheapest || f.signals.priciest) && !f.productQuantity) scores.inventario += 1.5;
  // "¿y cuántos me puede despachar ya?" with a product on the table asks how many there are of it.
  if (HOW_MANY.test(f.folded) && f.question && ctx.productOnTable && !f.mentionsProduct) scores.inventario += 3.5;
  if (f.signals.help) scores.contexto += 0.6;
  scores.contexto += f.companyTopics > 0 ? 2.5 * (product ? f.companyTopics : 1) : f.labelOnlyTopics > 0 ? 0.5 : 0;
  if (f.serviceQuestion) scores.contexto += 1.5;
  if (f.signals.greeting || f.signals.thanks) scores.contexto += 0.6;
  if (f.signals.handover) scores.contexto += 2;
  if (SMALL_TALK.test(f.folded) && !purchase && !f.productQuantity) scores.contexto += 1.2;

  if (saleOpen) {
    const controls = f.signals.confirm || f.signals.refuse || f.signals.finish || f.signals.cancel;
    if (controls) scores.venta += 3;
    // "confirmado, pueden despachar" with the summary waiting: the answer to it, whatever topic word comes along.
    if (controls && ctx.awaitingAnswer && !f.question) scores.venta += 1.5;
    if (f.signals.showCart) scores.venta += 3;
    if (f.hasCustomerData) scores.venta += 3.5;
    if (QUANTITY_ONLY.test(f.numeric) && (ctx.hasOpenCart || ctx.awaitingAnswer)) scores.venta += 3;
    if (ctx.awaitingAnswer && product && !comparing) scores.venta += 2;
    // A correction ("que sean 5") is about the sale whether a line or the open question holds the count.
    if ((ctx.hasOpenCart || ctx.awaitingAnswer) && f.cartKind === "set") scores.venta += 3;
    else if (ctx.hasOpenCart && f.cartKind !== "add") scores.venta += 3;
    if (ctx.awaitingAnswer && ORDINAL_REPLY.test(f.folded)) scores.venta += 3;
    if (ctx.hasOpenCart && f.swapCue && !f.question) scores.venta += 3;
    if (ctx.hasOpenCart && product && /\b(tambien|ademas|otr[oa]s?|mas)\b/.test(f.folded)) scores.venta += 1.5;
    if (ctx.hasOpenCart && f.productQuantity) scores.venta += 2;
    // "otros 4 pares porfa" with a cart open: a count of what the cart holds; "entonces los 3" with a stock offer
    // or a choice open: a count for it.
    if ((ctx.hasOpenCart || ctx.awaitingAnswer) && f.bareCount && !f.question) scores.venta += 2.5;
  } else {
    if (f.signals.finish && ctx.hasOpenCart) scores.venta += 3;
    // Personal data before any product: the customer is starting a purchase.
    if (f.hasCustomerData) scores.venta += 2.5;
  }
  if (ctx.shownProducts > 0 && QUANTITY_ONLY.test(f.numeric)) scores.venta += 3;
  // "necesito 10 pa los laboratorios" after a product was shown: a wanted count of it.
  else if (ctx.shownProducts > 0 && f.bareCount && !f.question && (purchase || WANT.test(f.folded))) scores.venta += 3;
  // Picking one of the options the agent offered (or of the list just shown, with a quantity) is buying it.
  if (f.picksOption && !comparing) scores.venta += 4;
  if (f.takesShown) scores.venta += 4;
  // "las blancas" right after adding boots: a pick for the cart's product, not a new question.
  if (
    ctx.hasOpenCart &&
    ctx.previousIntent === "venta" &&
    product &&
    !ctx.awaitingAnswer &&
    /^(mejor |pero )?(el|la|los|las)\b/.test(f.folded) &&
    f.folded.split(" ").length <= 4 &&
    !f.question
  )
    scores.venta += 2;
  // "¿y en amarillo?" keeps the topic of the previous question; with a count of its own it picks from it.
  if (
    ctx.previousIntent === "inventario" &&
    product &&
    !explicit &&
    /^(y|y en|y de|en|de|la|el|las|los)\b/.test(f.folded)
  )
    scores.inventario += 1.5;
  return scores;
}

const ORDER: Intent[] = ["cliente", "venta", "inventario", "contexto"];

/** The winning intent and how clear the win was (0 = a tie, 1 = no competitor). */
export function classifyIntent(f: MessageFeatures, ctx: IntentContext): { intent: Intent; margin: number } {
  const scores = scoreIntents(f, ctx);
  const intent = ORDER.reduce((best, i) => (scores[i] > scores[best] ? i : best), "contexto" as Intent);
  const runnerUp = Math.max(...ORDER.filter((i) => i !== intent).map((i) => scores[i]));
  const margin = scores[intent] <= 0 ? 0 : Math.min(1, (scores[intent] - runnerUp) / scores[intent]);
  return { intent, margin };
}
