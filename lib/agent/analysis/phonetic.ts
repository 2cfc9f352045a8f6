// Phonetic key for Colombian typing: letters that sound alike collapse (k/c/qu, b/v, s/z/c, ll/y,
// silent h, doubled letters) and gender/plural endings drop, so "kascos" meets "casco" and
// "baketa" meets "vaqueta". Used only for words the index does not know verbatim.

const RULES: Array<[RegExp, string]> = [
  [/qu(?=[ei])/g, "k"],
  [/c(?=[ei])/g, "s"],
  [/g(?=[ei])/g, "j"],
  [/ch/g, "ç"],
  [/[cq]/g, "k"],
  [/h/g, ""],
  [/ç/g, "ch"],
  [/z/g, "s"],
  [/x/g, "s"],
  [/v|w/g, "b"],
  [/ll/g, "y"],
  [/n(?=[bp])/g, "m"],
  [/(.)\1+/g, "$1"],
];

const cache = new Map<string, string>();

/** Sound-alike key of a folded word ("kasco", "casco", "cascos" → "kask"). */
export function phoneticKey(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const key = computeKey(word);
  if (cache.size < 200_000) cache.set(word, key);
  return key;
}

function computeKey(word: string): string {
  let key = word;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  // Endings carry gender/number (and typos like "guantez"): ignore them when the root is long enough.
  const root = key.replace(/[aeios]+$/, "");
  return root.length >= 3 ? root : key;
}
