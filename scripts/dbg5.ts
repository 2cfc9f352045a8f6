import { converse, hardwareCatalog, hardwareCompany } from "@/lib/agent/test-support/fixtures";
const c = converse(hardwareCatalog(), hardwareCompany(), ["quiero 2 martillos", "agrégale 1 más"]);
for (const p of c.plans) console.log(p.intent, JSON.stringify(p.understanding.events), JSON.stringify(p.understanding.references));
