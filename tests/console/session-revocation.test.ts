import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as consoleEvents } from "@/app/api/console/events/route";
import { principalFromSession } from "@/lib/auth/principal";
import { resetUserPassword, updateUser } from "@/lib/db/users";
import { createMemoryBus } from "@/lib/realtime/bus";
import { createApiKeyFor } from "@/tests/chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";
import { staffPrincipal } from "./helpers";

// A password reset ends the user's sessions; disabling a user or changing the role applies on the next
// request; the inbox's event stream re-checks its caller on every heartbeat. Real users on both databases;
// only next-auth's cookie decoding is replaced (there is no browser cookie in a unit test).
const session = vi.hoisted(() => ({ current: null as { id: number; signedInAt: number } | null }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () =>
    session.current ? { user: { id: String(session.current.id), signedInAt: session.current.signedInAt } } : null,
}));

const tick = () => new Promise((r) => setTimeout(r, 5));

async function createStaff(t: TestDatabase, email: string, role: "ventas" | "gerente") {
  return t.db.user.create({ data: { email, name: email, role, passwordHash: "x" } });
}

/** Reads until the stream ends (true) or no chunk arrives within 3 s (false); collects the text. */
async function readUntilEnd(reader: ReadableStreamDefaultReader<Uint8Array>, seen: string[]): Promise<boolean> {
  for (;;) {
    const chunk = await Promise.race([reader.read(), new Promise<"quiet">((r) => setTimeout(() => r("quiet"), 3_000))]);
    if (chunk === "quiet") return false;
    if (chunk.done) return true;
    seen.push(new TextDecoder().decode(chunk.value));
  }
}

describe.each(FLAVOURS)("session revocation on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    (globalThis as { __sextinvalleBus?: unknown }).__sextinvalleBus = createMemoryBus();
  });
  afterEach(() => {
    vi.useRealTimers();
    session.current = null;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("a password reset by an admin ends every session the user had; a new sign-in works", async () => {
    const admin = await staffPrincipal(t.db, "admin");
    const user = await createStaff(t, `reset-${flavour}@sextinvalle.example`, "ventas");
    session.current = { id: user.id, signedInAt: Date.now() };
    await tick();
    expect(await principalFromSession()).toMatchObject({ id: user.id, role: "ventas" });
    await resetUserPassword(user.id, "Clave-Nueva-2026", admin);
    expect(await principalFromSession()).toBeNull();
    await tick();
    session.current = { id: user.id, signedInAt: Date.now() };
    expect(await principalFromSession()).toMatchObject({ id: user.id });
  });

  it("disabling a user or changing the role applies on the next request without a new sign-in", async () => {
    const admin = await staffPrincipal(t.db, "admin");
    const user = await createStaff(t, `role-${flavour}@sextinvalle.example`, "ventas");
    session.current = { id: user.id, signedInAt: Date.now() };
    await updateUser(user.id, { role: "gerente" }, admin);
    expect(await principalFromSession()).toMatchObject({ id: user.id, role: "gerente" });
    await updateUser(user.id, { active: false }, admin);
    expect(await principalFromSession()).toBeNull();
  });

  it.each([
    ["a reset password", "reset"],
    ["a disabled account", "disable"],
    ["a revoked API key", "apikey"],
  ] as const)("the inbox event stream closes at the next heartbeat for %s", async (_label, cause) => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const admin = await staffPrincipal(t.db, "admin");
    const user = await createStaff(t, `sse-${cause}-${flavour}@sextinvalle.example`, "ventas");
    const headers: Record<string, string> = {};
    if (cause === "apikey") headers.authorization = `Bearer ${await createApiKeyFor(t.db, "ventas")}`;
    else session.current = { id: user.id, signedInAt: Date.now() };
    await tick();
    const response = await consoleEvents(new NextRequest("http://localhost/api/console/events", { headers }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const seen: string[] = [];
    seen.push(new TextDecoder().decode((await reader.read()).value));
    expect(seen.join("")).toContain("conectado");

    await vi.advanceTimersByTimeAsync(15_000); // still allowed: a ping, the stream stays open
    const pinged = await Promise.race([reader.read(), new Promise((r) => setTimeout(() => r(null), 3_000))]);
    expect(new TextDecoder().decode((pinged as ReadableStreamReadResult<Uint8Array>).value)).toContain("ping");

    if (cause === "reset") await resetUserPassword(user.id, "Clave-Nueva-2026", admin);
    if (cause === "disable") await updateUser(user.id, { active: false }, admin);
    if (cause === "apikey")
      await t.db.apiKey.updateMany({ where: { name: "test-ventas" }, data: { revokedAt: new Date() } });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await readUntilEnd(reader, seen)).toBe(true);
  });
});
