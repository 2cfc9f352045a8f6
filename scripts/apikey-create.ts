import "dotenv/config";
import { parseArgs } from "node:util";
import { isRole, ROLES } from "@/lib/auth/permissions";
import { createApiKey } from "@/lib/db/api-keys";
import { db } from "@/lib/db/client";

// `npm run apikey:create -- --role gerente --name "Reporte nocturno"` prints a new key once (for automation).
// The key is stored hashed and the creation is audited as a system action.
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: "string" }, name: { type: "string" } },
    strict: true,
  });
  const role = values.role;
  const name = values.name?.trim();
  if (!isRole(role) || !name || name.length < 3) {
    console.error(`Uso: npm run apikey:create -- --role <${ROLES.join("|")}> --name <nombre de al menos 3 letras>`);
    process.exit(2);
  }
  const created = await createApiKey({ name, role }, null);
  console.error(`Clave «${created.name}» (rol ${created.role}, id ${created.id}). Guárdala: no se vuelve a mostrar.`);
  console.log(created.key);
  await db().$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
