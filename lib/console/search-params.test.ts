import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseSearchParams, sortParam, sortToParam } from "./search-params";

const schema = z.object({
  q: z.string().trim().max(10).catch(""),
  view: z.enum(["all", "queue"]).catch("all"),
  page: z.coerce.number().int().min(1).catch(1),
});

describe("parseSearchParams", () => {
  it("reads the first value, treats blanks as missing and falls back on bad values", () => {
    expect(parseSearchParams(schema, { q: ["casco", "bota"], view: "queue", page: "3" })).toEqual({
      q: "casco",
      view: "queue",
      page: 3,
    });
    expect(parseSearchParams(schema, { q: "  ", view: "hack", page: "-2" })).toEqual({ q: "", view: "all", page: 1 });
    expect(parseSearchParams(schema, { q: "una búsqueda larga" })).toEqual({ q: "", view: "all", page: 1 });
  });
});

describe("sortParam", () => {
  const list = z.object({ sort: sortParam(["createdAt", "total"], { key: "createdAt", desc: true }) });

  it("takes only whitelisted keys, with a leading '-' for descending, and falls back to the default", () => {
    expect(parseSearchParams(list, { sort: "total" }).sort).toEqual({ key: "total", desc: false });
    expect(parseSearchParams(list, { sort: "-total" }).sort).toEqual({ key: "total", desc: true });
    expect(parseSearchParams(list, { sort: "createdAt" }).sort).toEqual({ key: "createdAt", desc: false });
    for (const bad of ["password", "-id", "total;drop", "--total", ""])
      expect(parseSearchParams(list, { sort: bad }).sort, bad).toEqual({ key: "createdAt", desc: true });
    expect(parseSearchParams(list, {}).sort).toEqual({ key: "createdAt", desc: true });
  });

  it("writes the default order as no parameter at all", () => {
    const fallback = { key: "createdAt", desc: true } as const;
    expect(sortToParam({ key: "createdAt", desc: true }, fallback)).toBeUndefined();
    expect(sortToParam({ key: "createdAt", desc: false }, fallback)).toBe("createdAt");
    expect(sortToParam({ key: "total", desc: true }, fallback)).toBe("-total");
  });
});
