import { redirect } from "next/navigation";
import { guardPage } from "@/lib/console/pages";

export default async function DashboardHome() {
  await guardPage("/dashboard");
  redirect("/dashboard/inventory");
}
