// Intent classification by weighted rules over signals (not sentence lists), with sale context.

import type { SaleState } from "@/lib/sales/types";
import { isServiceQuestion, mentionsCompanyTopic } from "@/lib/agent/retrieval/company";
import { detectCartKind } from "./cart-mentions";
import { extractCustomerData, hasCustomerData } from "@/lib/agent/analysis/customer-data";
import { foldText, replaceNumberWords, tokenize } from "@/lib/agent/analysis/normalize";
import { isCancel, isConfirmation, isFinishCart, isGreeting, isRefusal, isThanks } from "@/lib/agent/analysis/signals";
import type { Intent } from "@/lib/agent/types";

export type ClassifierContext = {
  saleState: SaleState | null;
  hasOpenCart: boolean;
  /** Intent of the previous user turn, for short follow-ups ("¿y en amarillo?"). */
  previousIntent?: Intent;
  /** Whether the text names catalog products (computed by the caller with the index). */
  mentionsProduct?: boolean;
  /** The sale waits for an answer (product choice, stock offer, quantity). */
  awaitingAnswer?: boolean;
  /** A quantity is attached to a named product ("10 cascos"); computed by the caller's extractor. */
  productQuantity?: boolean;
  /** How many products the previous answer showed ("veinte pares" after a product list is a purchase). */
  shownProducts?: number;
  /**
   * Folded label words (name, synonyms) of the products the text names. A company topic spoken only
   * through them ("tarjetas de bloqueo" vs "pago con tarjeta") is the product, not the company.
   */
  productLabelWords?: ReadonlySet<string>;
};

const CLIENT_PATTERNS = [
  /\b(informacion|info|datos|historial|estadisticas?|resumen|compras|pedidos|ordenes|facturas) (del|de la|de el|de los) clientes?\b/,
  /\bclientes? (con )?(cedula|cc|nit|documento|numero)?\s*\d{5,}/,
  /\bhistorial de (compras|pedidos|ordenes)\b/,
  /\bestadisticas (de|del)\b/,
  /\b(que|cuanto|cuantas veces) ((nos|me|le|les) )?(ha|han) (comprado|pedido|gastado)\b/,
  /\b(que|cuales|cuantas|cuantos) (compras|pedidos|ordenes) (ha|han) (hecho|realizado)\b/,
  /\b(compras|pedidos) (de|del|hechos por|realizados por) (la empresa|el cliente|cliente|[a-z]+ [a-z]+)\b/,
  /\bbusca(r)? (al|el) cliente\b/,
  /\b(ficha|perfil) del cliente\b/,
];
// Purchase verbs in tú and usted forms with clitics: "mándeme", "agrégueme", "cotíceme", "sepáreme".
const PURCHASE =
  /\b(compr(ar|o|amos|aria|e|en)|me (llevo|lo llevo|los llevo|las llevo)|llevar(e|me|nos)?|ped(ir|imos)|pido|encarg\w*|cotiz\w*|cotic\w*|agreg\w*|anad(e|ir|eme|ele|a|ame)|sum(a|ale|ar|e|ele)|d(e|a)(me|nos)|den(me|nos)|regal(a|e)(me|nos)\w*|separ(a|e|ar)(me|nos|l[oa]s?)?\w*|apart(a|e)(me|nos)\w*|vend(a|e)(me|nos)\w*|(me|nos) (vende|despacha|manda|regala|anota|apunta)(s|n)?|despach(a|e|en)(me|nos)\w*|anot(a|e|en)(me|nos|le)\w*|apunt(a|e|en)(me|nos|le)\w*|mand(a|e|en)(me|nos)\w*|pas(a|e)?(me|nos)|inclu(ir|ya|ye|yan)(me|nos|le|lo|los)?|envi(a|e)(me|nos)\w*|alist(a|e)(me|nos)\w*|pong(a|ame)\w*|ponme|quita(r|le|me)?|quite(le|me)?|elimina(r)?|saca(r|le)?|saque(le|me)?|carrito|al pedido|mi pedido|en el pedido|(hacer|hag(a|o|amos)(me|nos)?|hazme|montar|monte(me)?) (un|el|mi) pedido)\b/;
const WANT =
  /\b(quiero|quisiera|queria|necesito|necesitamos|requiero|requerimos|ocupo|me da|me das|me vende|me regala|me manda|para llevar)\b/;
const WANTS_TO_BUY = /\b(quiero|quisiera|necesito|necesitamos|requiero|requerimos) (comprar|pedir|encargar)\b/;
const QUANTITY_ONLY =
  /^(y |mejor |entonces |no |pues |bueno )?(que sean|que sea|ponle|ponme|pongale|dejalo en|dejelo en|dejame|son|mejor|solo|serian)?\s*\d+\b(\s+(unidades|unidad|pares|par|cajas|caja|rollos|rollo|paquetes|paquete|de esos|de esas|de ese|de esa))?\s*(por favor|porfa|gracias)?$/;
const INVENTORY =
  /\b(necesito|necesitamos|requiero|requerimos|me interesa(n)?|quiero ver|tienen|tiene|tendran|hay|manejan|maneja|venden|vende|precios?|cuanto (vale|valen|cuesta|cuestan|sale|salen)|stock|disponib\w*|existencias?|muestr\w*|ensename|busco|buscando|catalogo|productos|referencias|que (tipo|clase)s? de|cual(es)? (me )?(recomienda|sirve)|sirve para|recomienda\w*|opciones)\b/;
const ORDINAL_REPLY =
  /^(el|la|los|las)?\s*(primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|ultim[oa]|ese|esa|este|esta)\b/;
// "necesito una linterna…, ¿qué tienen?": an article is not an order when the message asks what exists.
const ASKS_WHAT_EXISTS =
  /\?|\b(que|cual|cuales) (tienen|hay|manejan|venden|me recomienda\w*|sirve\w*)\b|\b(tienen|hay)\b/;
const ARTICLE = new Set(["un", "una", "uno"]);
const SMALL_TALK = /\b(como (estas|esta usted|te va|le va|vas|andas|amaneciste|amanecio)|jaja\w*|jeje\w*)\b/;

/** Company-topic weight: strong when the topic survives removing the named products' own words. */
function companyTopicWeight(text: string, labelWords: ReadonlySet<string> | undefined): number {
  if (!mentionsCompanyTopic(text)) return 0;
  if (labelWords === undefined) return 2;
  // Exact words (plural aside), not stems: "correo" is not the "correa" of a chin strap.
  const onLabel = (t: string) =>
    labelWords.has(t) || labelWords.has(t.replace(/e?s$/, "")) || labelWords.has(t.replace(/s$/, ""));
  const unlabelled = tokenize(text)
    .filter((t) => !onLabel(t))
    .join(" ");
  return mentionsCompanyTopic(unlabelled) ? 2.5 : 0.5;
}

/** Lines that open with a quantity ("- 2 eslingas", "tres señales"); number words count too. */
export function quantityLines(text: string): number {
  return text
    .split(/\r?\n/)
    .map((line) => replaceNumberWords(tokenize(line)).join(" "))
    .filter((line) => /^\d+ \S+/.test(line)).length;
}

const OPEN_STATES = new Set<SaleState>(["iniciada", "pendiente", "recolectando_datos", "listo_para_finalizar"]);

export function classifyIntent(text: string, ctx: ClassifierContext): Intent {
  const folded = foldText(text)
    .replace(/[¿?¡!]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Number words as digits ("veinte", "media docena") so quantity rules see one form.
  const numeric = replaceNumberWords(tokenize(text)).join(" ");
  const quantityWithProduct =
    ctx.productQuantity ??
    ((ctx.mentionsProduct ?? false) && /\b\d+\b/.test(numeric.replace(/\b(talla|tipo|clase|nivel|de|x) \d+/g, "")));
  const saleOpen = ctx.saleState !== null && OPEN_STATES.has(ctx.saleState);
  const inCheckout = ctx.saleState === "recolectando_datos" || ctx.saleState === "listo_para_finalizar";
  const product = ctx.mentionsProduct ?? false;
  const scores: Record<Intent, number> = { inventario: 0, venta: 0, cliente: 0, contexto: 0.5 };

  if (CLIENT_PATTERNS.some((p) => p.test(folded))) scores.cliente += 4;
  const purchase = PURCHASE.test(folded);
  if (purchase) scores.venta += 2.5;
  // "necesito comprar extintores": a stated will to buy, even before choosing which one.
  if (WANTS_TO_BUY.test(folded)) scores.venta += 0.5;
  if ((purchase || WANT.test(folded)) && quantityWithProduct) {
    const explicit = /\b\d+\b/.test(
      replaceNumberWords(tokenize(text).filter((t) => !ARTICLE.has(t)))
        .join(" ")
        .replace(/\b(talla|tipo|clase|nivel|de|x) \d+/g, ""),
    );
    const question = !explicit && !purchase && ASKS_WHAT_EXISTS.test(foldText(text));
    scores.venta += question ? 1.5 : 3;
  }
  // "5 cascos blancos" orders; "un extintor pa la cocina" is still a question about one.
  if (
    /^((y|e|tambien|ademas) )?\d+\s+\S+/.test(numeric) &&
    product &&
    !/^(un|una|uno)\b(?! (docena|decena|par|caja|rollo|paquete)\b)/.test(folded)
  )
    scores.venta += 1.5;
  // "- 2 eslingas\n- 1 línea de vida": several lines that each start with a quantity are an order list.
  if (product && quantityLines(text) >= 2) scores.venta += 3;
  if (INVENTORY.test(folded)) scores.inventario += 1.5;
  if (product) scores.inventario += 1.2;
  scores.contexto += companyTopicWeight(text, ctx.productLabelWords);
  // "¿hacen recarga de extintores?", "¿aceptan nequi?": asking about a service, not buying a product.
  if (isServiceQuestion(text)) scores.contexto += 1.5;
  if (isGreeting(text) || isThanks(text)) scores.contexto += 0.6;
  // "jajaja bacano el bot, ¿cómo estás?": small talk outweighs a stray fuzzy product word.
  if (SMALL_TALK.test(folded) && !purchase && !quantityWithProduct) scores.contexto += 1.2;

  if (saleOpen) {
    const customer = extractCustomerData(text, { expectDocument: inCheckout });
    const controls = isConfirmation(text) || isRefusal(text) || isFinishCart(text) || isCancel(text);
    if (controls) scores.venta += 3;
    if (hasCustomerData(customer.data)) scores.venta += 3.5;
    if (QUANTITY_ONLY.test(numeric) && (ctx.hasOpenCart || ctx.awaitingAnswer)) scores.venta += 3;
    if (ctx.awaitingAnswer && product) scores.venta += 2;
    // "cambie los amarillos a 10", "quítele los guantes": corrections of the open cart.
    if (ctx.hasOpenCart && detectCartKind(text) !== "add") scores.venta += 3;
    if (ctx.awaitingAnswer && ORDINAL_REPLY.test(folded)) scores.venta += 3;
    if (ctx.hasOpenCart && product && /\b(tambien|ademas|otr[oa]s?|mas)\b/.test(folded)) scores.venta += 1.5;
    // "y una caja de tapabocas" while the cart is open: another line for the same order.
    if (ctx.hasOpenCart && quantityWithProduct) scores.venta += 2;
  } else {
    if (isFinishCart(text) && ctx.hasOpenCart) scores.venta += 3;
    // "hola, soy Camila Torres, cc …" before any product: the customer is starting a purchase.
    const { data } = extractCustomerData(text);
    if (data.name || data.documentNumber || data.phone || data.email) scores.venta += 2.5;
  }
  // "veinte pares" right after a product list: how many of what was just shown.
  if ((ctx.shownProducts ?? 0) > 0 && QUANTITY_ONLY.test(numeric)) scores.venta += 3;

  // "las blancas" right after adding boots: a pick among the cart's product, not a new question.
  if (
    ctx.hasOpenCart &&
    ctx.previousIntent === "venta" &&
    product &&
    !ctx.awaitingAnswer &&
    /^(mejor |pero )?(el|la|los|las)\b/.test(folded) &&
    tokenize(text).length <= 4 &&
    !/[?¿]/.test(text)
  )
    scores.venta += 2;
  // "¿y en amarillo?" keeps the topic of the previous question.
  if (ctx.previousIntent === "inventario" && product && /^(y|y en|y de|en|de|la|el|las|los)\b/.test(folded))
    scores.inventario += 1.5;

  const order: Intent[] = ["cliente", "venta", "inventario", "contexto"];
  return order.reduce((best, intent) => (scores[intent] > scores[best] ? intent : best), "contexto" as Intent);
}
