import type { Metadata } from "next";
import { CannedRepliesEditor } from "@/components/console/canned-replies-editor";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/console/pages";
import { listCannedReplies } from "@/lib/db/inbox-notes";

export const metadata: Metadata = { title: "Respuestas rápidas" };

export default async function CannedRepliesPage() {
  await guardPage("/dashboard/canned-replies");
  const replies = await listCannedReplies();
  return (
    <>
      <PageHeader
        title="Respuestas rápidas"
        description="En la bandeja, escribe / y el atajo para insertar el texto en tu respuesta."
      />
      <CannedRepliesEditor replies={replies.map((r) => ({ id: r.id, shortcut: r.shortcut, text: r.text }))} />
    </>
  );
}
