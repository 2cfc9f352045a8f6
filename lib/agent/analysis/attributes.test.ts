import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hardwareProducts, loadProducts, loadRealProducts } from "@/lib/agent/test-support/fixtures";
import type { Attribute } from "../types";
import { attributeKey, attributeTokens, readAttributes } from "./attributes";
import { replaceNumberWords } from "./numbers";

// readAttributes drops a repeated attribute by a string key instead of comparing every pair's JSON. It answers as
// before exactly when the key tells two attributes apart whenever their JSON does, and never otherwise.

const products = [...loadProducts(), ...loadRealProducts(), ...hardwareProducts()];
const root = path.resolve(import.meta.dirname, "../../..");
const requests = ["demo", "real"].flatMap((c) =>
  readFileSync(path.join(root, `eval/sets/${c}/tuning-mensajes.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { mensaje: string }).mensaje),
);

function readAll(): Attribute[][] {
  const rows = products.map((p) => {
    const row = `${p.name} ${p.description} ${p.standard ?? ""}`;
    return readAttributes(row, replaceNumberWords(attributeTokens(row)), "product").attributes;
  });
  return [...rows, ...requests.map((text) => readAttributes(text).attributes)];
}

/** Every read attribute, and each one with one field swapped for a value another attribute has there. */
function nearMisses(read: readonly Attribute[]): Attribute[] {
  // values of the same type: a measure's value is a number, every other one a string
  const values = (field: string, measure: boolean) => [
    ...new Set(
      read
        .filter((a) => (a.kind === "measure") === measure)
        .map((a) => (a as Record<string, unknown>)[field])
        .filter((v) => v !== undefined),
    ),
  ];
  const out: Attribute[] = [...read];
  for (const a of read.slice(0, 400))
    for (const field of Object.keys(a)) {
      // kinds of the same shape ({ kind, value }) are swapped for one another
      if (field === "kind" && (a.kind === "measure" || a.kind === "label")) continue;
      const pool = field === "kind" ? ["size", "colour", "code"] : values(field, a.kind === "measure").slice(0, 12);
      for (const v of pool) out.push({ ...a, [field]: v } as Attribute);
    }
  return out;
}

describe("attribute de-duplication", () => {
  it("keys two attributes alike exactly when their JSON is alike", () => {
    const all = nearMisses(readAll().flat());
    const byJson = new Map<string, string>();
    const byKey = new Map<string, string>();
    for (const a of all) {
      const json = JSON.stringify(a);
      const key = attributeKey(a);
      expect(byJson.get(json) ?? key, json).toBe(key);
      expect(byKey.get(key) ?? json, key).toBe(json);
      byJson.set(json, key);
      byKey.set(key, json);
    }
    expect(byJson.size).toBeGreaterThan(500);
  });

  it("reads each distinct attribute once, in first-read order", () => {
    const read = readAll();
    let repeated = 0;
    for (const attributes of read) {
      const json = attributes.map((a) => JSON.stringify(a));
      expect(new Set(json).size).toBe(json.length);
    }
    // A row read twice (a token no reading spans between the copies) says every attribute twice: each is kept
    // once, where the first copy put it.
    for (const p of products) {
      const row = `${p.name} ${p.description}`;
      const tokens = attributeTokens(row);
      const once = readAttributes(row, tokens, "product").attributes;
      expect(readAttributes(row, [...tokens, "|", ...tokens], "product").attributes, p.sku).toEqual(once);
      if (once.length > 0) repeated++;
    }
    expect(repeated).toBeGreaterThan(50);
  });
});

describe("inches written with a quote mark", () => {
  it.each(['Disco corte 7" para esmeril', "disco de 7''", "disco de 7 pulgadas"])("%s", (text) => {
    expect(readAttributes(text).attributes).toContainEqual(
      expect.objectContaining({ kind: "measure", value: 7, unit: "pulg" }),
    );
  });
});
