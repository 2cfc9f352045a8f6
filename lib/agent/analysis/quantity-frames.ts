// Counts said without a number of their own, read off a clause's tokens before its quantity is: a count of
// people ("para 5 operarios") gives every product named beside it that many, and a repeat cue ("uno para cada
// uno", "igual cantidad") takes the quantity said just before. Both cue lists live in the lexicon.

import { compileCues, lexicon } from "../lexicon";

const PEOPLE = new Set(lexicon.quantityFrames.people);
const SAME_QUANTITY = compileCues(lexicon.quantityFrames.sameQuantity);

export type FramedTokens = { tokens: string[]; people: number | null; sameAsBefore: boolean };

export function readQuantityFrames(input: readonly string[]): FramedTokens {
  let tokens = [...input];
  let people: number | null = null;
  for (let i = 1; i < tokens.length; i++) {
    const noun = tokens[i + 1];
    if (tokens[i - 1] === "para" && /^\d+$/.test(tokens[i] as string) && noun && PEOPLE.has(noun)) {
      people = Number(tokens[i]);
      tokens.splice(i - 1, 3);
      break;
    }
  }
  const joined = tokens.join(" ");
  const same = SAME_QUANTITY.exec(joined);
  if (same) {
    const before = joined.slice(0, same.index).trim();
    const after = joined.slice(same.index + same[0].length).trim();
    tokens = [...(before ? before.split(" ") : []), ...(after ? after.split(" ") : [])];
  }
  return { tokens, people, sameAsBefore: same !== null };
}
