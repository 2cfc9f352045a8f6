import { readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { can, PERMISSIONS, ROLES, type Role } from "@/lib/auth/permissions";
import { CONSOLE_PAGES, pageFileToRoute } from "@/lib/console/pages";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "@/tests/databases";
import { consolePageFiles, HTTP_METHODS, ROOT, routeFiles, routeUrl, serverActionFiles } from "./entry-points";

// The authorisation matrix: every console page, route handler and server action found on disk, called as
// anonymous and as each role, against the one permission table. Sessions are real users of a real seeded
// database; only next-auth's cookie decoding is replaced (there is no HTTP request in a unit test).
const session = vi.hoisted(() => {
  // next.config.mjs enables experimental.authInterrupts; the build inlines this flag for forbidden()
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  return { userId: null as number | null };
});
// The sign-in module imports next-auth's error class only; next-auth itself does not load outside Next.
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (session.userId ? { user: { id: String(session.userId) } } : null),
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
}));

// Routes that are public by design, file by file: a new public route (even under api/chat) fails this test
// until someone adds it here on purpose. Anything else must be guarded by a permission.
const PUBLIC_BY_DESIGN = new Set([
  "app/api/auth/[...nextauth]/route.ts", // sign-in
  "app/api/chat/route.ts", // customer web chat
  "app/api/chat/session/route.ts", // the web chat's conversation cookie
  "app/api/chat/[chatId]/events/route.ts", // staff replies pushed to that chat
  "app/api/chat/[chatId]/state/route.ts", // that chat's order panel and who attends it
  "app/api/chat/[chatId]/quote/route.ts", // that chat's cart as a formal quote
  "app/media/products/[file]/route.ts", // product photos, public like the catalogue
  "app/chat/texto/route.ts", // legacy customer chat API
  "app/chat/imagen/route.ts",
  "app/chat/audio/route.ts",
  "app/chat/historial/[chat_id]/route.ts",
  "app/chat/health/route.ts",
  "app/files/local/[...key]/route.ts", // signed, expiring file links
  "app/health/route.ts",
  "app/info/route.ts",
  "app/api/openapi.json/route.ts",
  "app/api/channels/telegram/route.ts", // Telegram's webhook: its secret token header, checked inside
  "app/api/channels/whatsapp/route.ts", // WhatsApp's webhook: X-Hub-Signature-256 / verify token, checked inside
]);
// next-auth's own handlers are not built with guardedRoute; they only sign in and out.
const WITHOUT_ACCESS_METADATA = ["app/api/auth/[...nextauth]/route.ts"];

let t: TestDatabase;
const userIds = {} as Record<Role, number>;

beforeAll(async () => {
  t = await freshDatabase("sqlite");
  useDatabaseForApp(t.url);
  for (const role of ROLES) {
    const user = await t.db.user.findFirstOrThrow({ where: { role, active: true } });
    userIds[role] = user.id;
  }
});
afterAll(async () => {
  await t?.drop();
});

const as = (who: Role | null) => {
  session.userId = who ? userIds[who] : null;
};

describe("console pages", () => {
  const files = consolePageFiles();

  it("finds the console pages on disk", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)("%s is registered in lib/console/pages.ts and guards itself with its own entry", (file) => {
    const route = pageFileToRoute(file);
    expect(Object.keys(CONSOLE_PAGES), `${file} → ${route} has no permission in CONSOLE_PAGES`).toContain(route);
    const source = readFileSync(path.join(ROOT, file), "utf8");
    expect(source, `${file} must start with guardPage("${route}"…)`).toContain(`guardPage("${route}"`);
  });

  it("every registered permission exists in the permission table", () => {
    for (const permission of Object.values(CONSOLE_PAGES)) expect(PERMISSIONS).toContain(permission);
  });

  const { guardPage } = await_import_pages();
  for (const [page, permission] of Object.entries(CONSOLE_PAGES)) {
    it(`${page} (${permission}): anonymous → login, each role by the table`, async () => {
      as(null);
      await expect(guardPage(page as keyof typeof CONSOLE_PAGES)).rejects.toMatchObject({
        digest: expect.stringContaining("NEXT_REDIRECT"),
      });
      for (const role of ROLES) {
        as(role);
        const result = guardPage(page as keyof typeof CONSOLE_PAGES);
        if (can(role, permission)) await expect(result).resolves.toMatchObject({ role });
        else await expect(result).rejects.toMatchObject({ digest: expect.stringContaining(";403") });
      }
    });
  }
});

function await_import_pages() {
  // imported lazily so the auth mock above is in place first
  return {
    guardPage: async (page: keyof typeof CONSOLE_PAGES) => (await import("@/lib/console/pages")).guardPage(page),
  };
}

describe("route handlers", () => {
  const files = routeFiles();

  it("lists public routes exactly: every entry exists, and a new file under a public folder is not covered", () => {
    for (const file of PUBLIC_BY_DESIGN)
      expect(files, `${file} is listed as public but does not exist`).toContain(file);
    for (const unlisted of ["app/api/chat/nueva/route.ts", "app/chat/otra/route.ts", "app/files/local/x/route.ts"])
      expect(PUBLIC_BY_DESIGN.has(unlisted), unlisted).toBe(false);
  });

  it.each(files)("%s: every exported method declares who may call it", async (file) => {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const methods = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
    expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
    if (WITHOUT_ACCESS_METADATA.includes(file)) return;
    for (const method of methods) {
      const access = (mod[method] as { access?: string }).access;
      expect(access, `${file} ${method} has no .access (build it with guardedRoute/publicRoute)`).toBeDefined();
      if (access === "public") {
        expect(PUBLIC_BY_DESIGN.has(file), `${file} ${method} is public but not expected to be`).toBe(true);
      } else {
        expect(PERMISSIONS).toContain(access);
      }
    }
  });

  const guarded = files.filter((f) => !WITHOUT_ACCESS_METADATA.includes(f));
  it.each(guarded)("%s: guarded methods refuse anonymous and roles without the permission", async (file) => {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const { path: urlPath, params } = routeUrl(file);
    for (const method of HTTP_METHODS) {
      const handler = mod[method] as
        | (((req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>) & { access: string })
        | undefined;
      if (!handler || handler.access === "public") continue;
      const call = async () => {
        const init =
          method === "GET" || method === "HEAD" ? {} : { body: "{}", headers: { "content-type": "application/json" } };
        const response = await handler(new NextRequest(`http://localhost${urlPath}`, { method, ...init }), {
          params: Promise.resolve(params),
        });
        await response.body?.cancel().catch(() => undefined);
        return response.status;
      };
      as(null);
      expect(await call(), `${method} ${urlPath} as anonymous`).toBe(401);
      for (const role of ROLES) {
        as(role);
        const status = await call();
        if (can(role, handler.access as never))
          expect([401, 403], `${method} ${urlPath} as ${role}`).not.toContain(status);
        else expect(status, `${method} ${urlPath} as ${role}`).toBe(403);
      }
    }
  });
});

describe("server actions", () => {
  const files = serverActionFiles();

  it("finds the server action modules", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)(
    "%s: every action is guarded, and refuses anonymous and roles without the permission",
    async (file) => {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value !== "function") continue;
        const action = value as ((input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>) & {
          permission?: string;
          access?: string;
        };
        if (action.access === "public") {
          expect(file, `${name} is public; only the sign-in module may be`).toBe("app/login/actions.ts");
          continue;
        }
        expect(action.permission, `${file} ${name} is not built with guardedAction`).toBeDefined();
        as(null);
        expect((await action(undefined)).error?.code, `${name} as anonymous`).toBe("unauthorized");
        for (const role of ROLES) {
          as(role);
          const result = await action(undefined);
          const code = result.error?.code;
          if (can(role, action.permission as never))
            expect(["unauthorized", "forbidden"], `${name} as ${role}`).not.toContain(code);
          else expect(code, `${name} as ${role}`).toBe("forbidden");
        }
      }
    },
  );
});
