import { type CompanySections, parseCompanyMarkdown } from "@/lib/agent/company";
import { foldText } from "@/lib/agent/normalize";
import { findLatestCompanyInfo } from "@/lib/db/catalog";
import { env } from "@/lib/env";
import type { DocumentParty } from "./model";

// The company block of printed documents, read from the same company text the agent answers from (edited in
// the console), so an address or phone changed there is on the next quote too.
function bullets(sections: CompanySections, heading: string): string[] {
  const section = sections.sections.find((s) => foldText(s.title).includes(heading));
  if (!section) return [];
  return section.content
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("- "))
    .map((l) => l.slice(2).trim());
}

const withoutLabel = (line: string) => line.replace(/^[^:]{1,40}:\s*/, "");

export function companyParty(sections: CompanySections, nit: string | undefined): DocumentParty {
  const location = bullets(sections, "ubicacion").filter((l) => !/^horario/i.test(l));
  const contact = bullets(sections, "contacto").map(withoutLabel);
  return {
    name: sections.name,
    document: nit ? `NIT ${nit}` : null,
    lines: [...location.slice(0, 2), contact.slice(0, 2).join(" · "), contact.slice(2).join(" · ")].filter(Boolean),
  };
}

export async function currentCompanyParty(): Promise<{ party: DocumentParty; payment: string[] }> {
  const info = await findLatestCompanyInfo();
  const sections = parseCompanyMarkdown(info?.content ?? "# Sextinvalle S.A.S.");
  return { party: companyParty(sections, env().COMPANY_NIT), payment: bullets(sections, "formas de pago") };
}
