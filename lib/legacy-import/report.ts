import type { EntityCounts, LegacyImportReport } from "./types";

// The Spanish report shown by the command and the console: what was (or would be) created, updated and left.
function line(label: string, c: EntityCounts & { deactivated?: number; skipped?: number }): string {
  const parts = [`${c.created} nuevos`, `${c.updated} actualizados`, `${c.unchanged} sin cambios`];
  if (c.deactivated) parts.push(`${c.deactivated} desactivados (no estaban en el sistema anterior)`);
  if (c.skipped) parts.push(`${c.skipped} omitidos`);
  return `- ${label}: ${parts.join(", ")}`;
}

export function formatLegacyReport(report: LegacyImportReport): string {
  const head = report.dryRun
    ? report.changed
      ? "Simulación (no se escribió nada). Esto cambiaría la importación:"
      : "Simulación: sin cambios; los datos del sistema anterior ya están importados."
    : report.changed
      ? "Importación aplicada en una sola transacción:"
      : "Sin cambios: los datos del sistema anterior ya estaban importados.";
  const lines = [
    head,
    line("Productos", report.products),
    line("Clientes", report.clients),
    line("Pedidos", report.orders),
    line("Conversaciones", report.conversations),
    `- Mensajes: ${report.messages.created} nuevos, ${report.messages.unchanged} ya importados`,
    line("Interruptores del asesor virtual", report.botSwitches),
    line("Versiones del texto de la empresa", report.companyVersions),
  ];
  if (report.ignoredTables.length > 0) {
    lines.push(
      `Tablas que no se importan: ${report.ignoredTables.map((t) => `${t.table} (${t.rows} filas)`).join(", ")}.`,
    );
  }
  if (report.notes.length > 0) lines.push("Notas:", ...report.notes.map((n) => `- ${n}`));
  return lines.join("\n");
}
