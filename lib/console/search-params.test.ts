import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseSearchParams } from "./search-params";

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
