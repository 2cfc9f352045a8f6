// Company text, handover to a person, and (staff only) the client lookup.

import { z } from "zod";
import { findCompanySections } from "../retrieval/company";
import { defineTool } from "./define";
import { refuse, type ToolSession } from "./session";

export const COMPANY_TOPICS = [
  "empresa",
  "ubicacion",
  "horario",
  "contacto",
  "web",
  "envios",
  "pagos",
  "servicios",
  "facturacion",
  "garantia",
  "normas",
  "precios",
] as const;

export function companyTools(session: ToolSession) {
  return {
    company_info: defineTool(
      session,
      "company_info",
      "Secciones del texto de la empresa sobre los temas pedidos (horario, envíos, pagos, ubicación…).",
      z.object({ topics: z.array(z.enum(COMPANY_TOPICS)).min(1).max(4) }),
      ({ topics }) => {
        for (const t of topics) if (!session.companyTopics.includes(t)) session.companyTopics.push(t);
        const answer = findCompanySections(session.company, topics);
        return { ok: true, sections: answer.sections, missing: answer.missing };
      },
    ),
    hand_over_to_human: defineTool(
      session,
      "hand_over_to_human",
      "Pasa la conversación a una persona del equipo de ventas.",
      z.object({ reason: z.string().max(200).optional() }),
      () => {
        session.handover = true;
        return { ok: true };
      },
    ),
  };
}

/** Offered only to staff: an anonymous customer's model never sees this tool. */
export function staffTools(session: ToolSession) {
  return {
    lookup_client: defineTool(
      session,
      "lookup_client",
      "Consulta un cliente registrado (solo personal de la empresa).",
      z.object({
        scope: z.enum(["info", "history", "stats"]),
        documentNumber: z.string().trim().min(1).max(20).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^3\d{9}$/)
          .optional(),
        name: z.string().trim().min(1).max(120).optional(),
      }),
      async (query) => {
        if (!session.isStaff || !session.lookupClient)
          return refuse(session, "lookup_client", "no_autorizado", "Solo el personal puede consultar clientes.");
        session.clientLookup = query;
        return { ok: true, result: await session.lookupClient(query) };
      },
    ),
  };
}
