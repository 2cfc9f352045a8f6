import { describe, expect, it } from "vitest";
import { expandChatAbbreviations } from "./chat-text";

describe("chat spellings become standard words", () => {
  it.each([
    ["q precio tiene", "que precio tiene"],
    ["k tienen pa la cabeza", "que tienen para la cabeza"],
    ["xfa me manda 3", "por favor me manda 3"],
    ["ay cascos?", "hay cascos?"],
    ["ay, perdón", "ay, perdón"],
    ["Calle 5 D # 38-25", "Calle 5 D # 38-25"],
  ])("%s", (typed, standard) => {
    expect(expandChatAbbreviations(typed)).toBe(standard);
  });
});

describe("a letter after an attribute's label is the attribute's value", () => {
  it.each([
    ["un extintor clase k pa la cocina", "un extintor clase k para la cocina"],
    ["casco tipo q", "casco tipo q"],
    ["filtro de categoria d", "filtro de categoria d"],
  ])("%s", (typed, standard) => {
    expect(expandChatAbbreviations(typed)).toBe(standard);
  });
});
