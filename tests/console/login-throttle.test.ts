import { describe, expect, it } from "vitest";
import { clearLoginAttempts, clientIp, registerLoginAttempt, throttledMessage } from "@/lib/auth/login-throttle";
import { createMemoryStore, createRedisStore } from "@/lib/ratelimit";

describe.each([
  ["memory", () => createMemoryStore()],
  ["redis", () => createRedisStore("redis://127.0.0.1:6379")],
])("login throttling (%s store)", (_name, makeStore) => {
  it("blocks the sixth attempt after five failures for one account and IP, and not others", async () => {
    const store = makeStore();
    const email = `user-${Date.now()}-${Math.random()}@x.example`;
    for (let i = 0; i < 5; i++) expect((await registerLoginAttempt(email, "10.0.0.1", store)).allowed).toBe(true);
    const blocked = await registerLoginAttempt(email, "10.0.0.1", store);
    expect(blocked).toMatchObject({ allowed: false });
    expect(blocked.allowed ? 0 : blocked.retryAfterSeconds).toBeGreaterThan(200);
    expect((await registerLoginAttempt(email, "10.0.0.2", store)).allowed).toBe(true);
    expect((await registerLoginAttempt(`otro-${email}`, "10.0.0.1", store)).allowed).toBe(true);
  });

  it("a successful sign-in clears the count", async () => {
    const store = makeStore();
    const email = `ok-${Date.now()}-${Math.random()}@x.example`;
    for (let i = 0; i < 4; i++) await registerLoginAttempt(email, "10.0.0.1", store);
    await clearLoginAttempts(email, "10.0.0.1", store);
    for (let i = 0; i < 5; i++) expect((await registerLoginAttempt(email, "10.0.0.1", store)).allowed).toBe(true);
  });
});

describe("login throttling helpers", () => {
  it("reads only the address server.ts stamped, never a client-supplied X-Forwarded-For", () => {
    expect(clientIp(new Headers({ "x-sextinvalle-client-ip": "190.1.2.3" }))).toBe("190.1.2.3");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBe("local");
  });
  it("tells the person how long to wait, in Spanish", () => {
    expect(throttledMessage(250)).toBe(
      "Demasiados intentos fallidos. Por seguridad, espera 5 minutos e intenta de nuevo.",
    );
    expect(throttledMessage(30)).toContain("1 minuto ");
  });
});
