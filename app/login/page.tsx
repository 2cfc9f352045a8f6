import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { principalFromSession } from "@/lib/auth/principal";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Iniciar sesión" };
export const dynamic = "force-dynamic";

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : "/dashboard";
  if (await principalFromSession()) redirect("/dashboard");
  return (
    <main className="flex min-h-dvh items-center justify-center bg-ink-50 p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Sextinvalle</p>
          <h1 className="text-2xl font-semibold text-ink-900">Consola del equipo</h1>
        </div>
        <LoginForm callbackUrl={callbackUrl} expired={params.expired === "1"} />
      </div>
    </main>
  );
}
