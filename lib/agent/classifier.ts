// Intent classification by weighted rules over signals (not sentence lists), with sale context.

import type { SaleState } from "@/lib/sales/types";
import { mentionsCompanyTopic } from "./company";
import { extractCustomerData, hasCustomerData } from "./extract-customer";
import { foldText } from "./normalize";
import { isCancel, isConfirmation, isFinishCart, isGreeting, isRefusal } from "./signals";
import type { Intent } from "./types";

export type ClassifierContext = {
  saleState: SaleState | null;
  hasOpenCart: boolean;
  /** Intent of the previous user turn, for short follow-ups ("¿y en amarillo?"). */
  previousIntent?: Intent;
  /** Whether the text names catalog products (computed by the caller with the index). */
  mentionsProduct?: boolean;
  /** The sale waits for an answer (product choice, stock offer, quantity). */
  awaitingAnswer?: boolean;
};

const CLIENT_PATTERNS = [
  /\b(informacion|info|datos|historial|estadisticas?|resumen|compras|pedidos|ordenes|facturas) (del|de la|de el|de los) clientes?\b/,
  /\bclientes? (con )?(cedula|cc|nit|documento|numero)?\s*\d{5,}/,
  /\bhistorial de (compras|pedidos|ordenes)\b/,
  /\bestadisticas (de|del)\b/,
  /\b(que|cuanto|cuantas veces) (ha|han) (comprado|pedido|gastado)\b/,
  /\b(compras|pedidos) (de|del|hechos por|realizados por) (la empresa|el cliente|cliente|[a-z]+ [a-z]+)\b/,
  /\bbusca(r)? (al|el) cliente\b/,
  /\b(ficha|perfil) del cliente\b/,
];
const PURCHASE =
  /\b(compr(ar|o|amos|aria)|me (llevo|lo llevo|los llevo|las llevo)|llevar(e|me)?|ped(ir|imos)|pido|encarg(ar|o)|cotiza(cion|r|me|ción)?|agreg(a|ar|ame|ale|ue|uen)|anad(e|ir|eme|ele)|sum(a|ale|ar)|deme|dame|denme|regal(a|e)me|separ(a|ame|eme|ar)|vend(a|e)me|quita(r|le|me)?|elimina(r)?|saca(r|le)?|carrito|al pedido|mi pedido|hacer (un|el) pedido)\b/;
const WANT_WITH_QUANTITY =
  /\b(quiero|quisiera|necesito|necesitamos|requiero|me da|me das|me vende|me regala)\b.*\b(\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte|treinta|cuarenta|cincuenta|cien|docena|media docena)\b/;
const QUANTITY_ONLY =
  /^(y |mejor |entonces |no,? )?(que sean|que sea|ponle|ponme|dejalo en|dejame|son|mejor)?\s*(\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|treinta|cuarenta|cincuenta|cien|docena|media docena)\b/;
const INVENTORY =
  /\b(necesito|necesitamos|requiero|requerimos|me interesa(n)?|quiero ver|tienen|tiene|tendran|hay|manejan|maneja|venden|vende|precios?|cuanto (vale|valen|cuesta|cuestan|sale|salen)|stock|disponib\w*|existencias?|muestr\w*|ensename|busco|buscando|catalogo|productos|referencias|que (tipo|clase)s? de|cual(es)? (me )?(recomienda|sirve)|sirve para|recomienda\w*|opciones)\b/;
const ORDINAL_REPLY =
  /^(el|la|los|las)?\s*(primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|ultim[oa]|ese|esa|este|esta)\b/;
const OPEN_STATES = new Set<SaleState>(["iniciada", "pendiente", "recolectando_datos", "listo_para_finalizar"]);

export function classifyIntent(text: string, ctx: ClassifierContext): Intent {
  const folded = foldText(text)
    .replace(/[¿?¡!]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const saleOpen = ctx.saleState !== null && OPEN_STATES.has(ctx.saleState);
  const inCheckout = ctx.saleState === "recolectando_datos" || ctx.saleState === "listo_para_finalizar";
  const product = ctx.mentionsProduct ?? false;
  const scores: Record<Intent, number> = { inventario: 0, venta: 0, cliente: 0, contexto: 0.5 };

  if (CLIENT_PATTERNS.some((p) => p.test(folded))) scores.cliente += 4;
  if (PURCHASE.test(folded)) scores.venta += 2.5;
  if (WANT_WITH_QUANTITY.test(folded) && product) scores.venta += 3;
  if (/^\d+\s+\S+/.test(folded) && product) scores.venta += 1.5;
  if (INVENTORY.test(folded)) scores.inventario += 1.5;
  if (product) scores.inventario += 1.2;
  if (mentionsCompanyTopic(text)) scores.contexto += 2;
  if (isGreeting(text)) scores.contexto += 0.6;

  if (saleOpen) {
    const customer = extractCustomerData(text, { expectDocument: inCheckout });
    const controls = isConfirmation(text) || isRefusal(text) || isFinishCart(text) || isCancel(text);
    if (controls) scores.venta += 3;
    if (hasCustomerData(customer.data)) scores.venta += 3.5;
    if (QUANTITY_ONLY.test(folded) && (ctx.hasOpenCart || ctx.awaitingAnswer)) scores.venta += 3;
    if (ctx.awaitingAnswer && product) scores.venta += 2;
    if (ctx.awaitingAnswer && ORDINAL_REPLY.test(folded)) scores.venta += 3;
    if (ctx.hasOpenCart && product && /\b(tambien|ademas|otr[oa]s?|mas)\b/.test(folded)) scores.venta += 1.5;
  } else if (isFinishCart(text) && ctx.hasOpenCart) scores.venta += 3;

  // "¿y en amarillo?" keeps the topic of the previous question.
  if (ctx.previousIntent === "inventario" && product && /^(y|y en|y de|en|de|la|el|las|los)\b/.test(folded))
    scores.inventario += 1.5;

  const order: Intent[] = ["cliente", "venta", "inventario", "contexto"];
  return order.reduce((best, intent) => (scores[intent] > scores[best] ? intent : best), "contexto" as Intent);
}
