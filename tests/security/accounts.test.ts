import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { passwordSchema, passwordWeakness } from "@/lib/auth/password-policy";
import { exportRunner, failInterruptedExports } from "@/lib/db/exports";
import { freshIp } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// Issue 11, finding 8 (accounts): sign-in costs the same for unknown and known e-mails, common passwords are
// refused, and export jobs a restart interrupted are marked failed when the server starts.
// the fastest of several tries is the intrinsic cost; slower ones measure whatever else the machine was doing
const fastest = (values: number[]) => Math.min(...values);

describe("sign-in timing", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  // retried: on a shared 2-core machine another test file can steal a whole window of samples; the leak it
  // guards against is two orders of magnitude (1 ms vs 75 ms), far outside any noise
  it("answers an unknown e-mail as slowly as a known one with a wrong password (within 20 %)", {
    retry: 2,
  }, async () => {
    const known = "ventas@sextinvalle.example";
    const time = async (email: string) => {
      const started = performance.now();
      const outcome = await checkCredentials({ email, password: "no-es-la-clave-2026" }, freshIp());
      expect(outcome).toEqual({ ok: false, reason: "invalid" });
      return performance.now() - started;
    };
    await time(known); // warm-up: first queries and bcrypt's setup
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      knownTimes.push(await time(known));
      unknownTimes.push(await time(`nadie-${i}@sextinvalle.example`));
    }
    const ratio = fastest(unknownTimes) / fastest(knownTimes);
    expect(ratio, `unknown ${fastest(unknownTimes)} ms vs known ${fastest(knownTimes)} ms`).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
    // and the right password still signs in
    expect(await checkCredentials({ email: known, password: "Ventas-Sextinvalle-2026" }, freshIp())).toMatchObject({
      ok: true,
      user: { email: known, role: "ventas" },
    });
  });
});

describe("password policy", () => {
  it("refuses common, patterned and shop-word passwords that pass the length rule, and accepts a strong one", () => {
    for (const weak of ["password1234", "qwerty123456", "sextinvalle2026", "123456789abc", "aaaaaaaaaaa1"]) {
      const parsed = passwordSchema.safeParse(weak);
      expect(parsed.success, weak).toBe(false);
      expect(parsed.error?.issues[0]?.message, weak).toMatch(/adivinar|usada|empresa|repeticiones|secuencias/i);
    }
    expect(passwordSchema.safeParse("Casco-Blanco-Tipo1-77").success).toBe(true);
    expect(passwordWeakness("MarthaRuiz-2026!", ["Martha Ruiz", "martha@sextinvalle.example"])).not.toBeNull();
  });
});

describe.each(FLAVOURS)("export jobs interrupted by a restart, on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("marks this host's unfinished jobs from a previous process failed; others' and its own stay", async () => {
    const make = (runner: string | null, status = "running") =>
      t.db.exportFile.create({
        data: {
          key: `exports/${crypto.randomUUID()}.csv`,
          dataset: "ventas",
          format: "csv",
          status,
          progress: 48,
          contentType: "text/csv",
          fileName: "ventas.csv",
          backend: "local",
          runner,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
    const previous = await make(`${hostname()}:999999`);
    const queued = await make(`${hostname()}:999999`, "pending");
    const elsewhere = await make("otra-maquina:42");
    const mine = await make(exportRunner());
    const done = await make(`${hostname()}:999999`, "ready");
    expect(await failInterruptedExports()).toBe(2);
    const status = async (id: number) => (await t.db.exportFile.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(previous.id)).toBe("failed");
    expect(await status(queued.id)).toBe("failed");
    expect((await t.db.exportFile.findUniqueOrThrow({ where: { id: previous.id } })).error).toMatch(/reinició/);
    expect(await status(elsewhere.id)).toBe("running");
    expect(await status(mine.id)).toBe("running");
    expect(await status(done.id)).toBe("ready");
  });
});
