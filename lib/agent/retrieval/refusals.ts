// What a customer rules out inside a phrase: the word after "sin", or after a "no" that does not open the phrase.

// What may stand between a "no" and the word it rules out: "no las de tela", "que no sean para moto".
const NEGATION_BRIDGE = new Set(["el", "la", "los", "las", "de", "del", "sea", "sean", "con", "para", "pa", "tipo"]);

/** Positions of the words a "sin" or a "no" rules out ("sin válvula", "no las de tela"); an opening "no" refuses. */
export function refusedPositions(tokens: readonly string[]): Set<number> {
  const at = new Set<number>();
  for (const [i, token] of tokens.entries()) {
    if (token === "sin" && i + 1 < tokens.length) at.add(i + 1);
    if (token !== "no" || i === 0) continue;
    let next = i + 1;
    while (NEGATION_BRIDGE.has(tokens[next] as string)) next++;
    if (next > i + 1 && next < tokens.length) at.add(next);
  }
  return at;
}
