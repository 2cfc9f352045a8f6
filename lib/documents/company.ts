import { type CompanySections, findCompanySections, parseCompanyMarkdown } from "@/lib/agent/retrieval/company";
import { findLatestCompanyInfo } from "@/lib/db/catalog";
import { env } from "@/lib/env";
import type { DocumentParty } from "./model";

// The company block of printed documents, read from the same company text the agent answers from (edited in
// the console), so an address or phone changed there is on the next quote too. Lines are found by topic, so
// any shop's text works (headings or not).
function bullets(sections: CompanySections, topic: string): string[] {
  const answer = findCompanySections(sections, [topic]);
  if (answer.missing.length > 0) return [];
  return answer.sections
    .flatMap((s) => s.content.split("\n"))
    .map((l) => l.trim().replace(/^[-*•]\s*/, ""))
    .filter(Boolean);
}

const withoutLabel = (line: string) => line.replace(/^[^:]{1,40}:\s*/, "");

export function companyParty(sections: CompanySections, nit: string | undefined): DocumentParty {
  const location = bullets(sections, "ubicacion").filter((l) => !/^horario/i.test(l));
  const contact = bullets(sections, "contacto")
    .filter((l) => !location.includes(l))
    .map(withoutLabel);
  return {
    name: sections.name,
    document: nit ? `NIT ${nit}` : null,
    lines: [...location.slice(0, 2), contact.slice(0, 2).join(" · "), contact.slice(2).join(" · ")].filter(Boolean),
  };
}

export async function currentCompanyParty(): Promise<{ party: DocumentParty; payment: string[] }> {
  const info = await findLatestCompanyInfo();
  const sections = parseCompanyMarkdown(info?.content ?? "# Sextinvalle S.A.S.");
  return { party: companyParty(sections, env().COMPANY_NIT), payment: bullets(sections, "pagos") };
}
