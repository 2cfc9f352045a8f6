import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { z } from "zod";

// What a staff password must be: long, and not guessable. zxcvbn-ts scores it against lists of common and
// leaked passwords, keyboard patterns, repeats and dates, plus this shop's own words; "password1234" passes a
// length-and-digits rule but is among the first guesses of any attacker.
const SHOP_WORDS = ["sextinvalle", "sextin", "valle", "cali", "seguridad", "industrial", "admin", "ventas", "gerente"];
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return checker;
}

const WARNINGS: Record<string, string> = {
  common: "Es una de las contraseñas más usadas.",
  similarToCommon: "Se parece demasiado a una contraseña muy usada.",
  commonNames: "Los nombres comunes son fáciles de adivinar.",
  userInputs: "No uses el nombre de la empresa, tu nombre ni tu correo.",
  simpleRepeat: "Las repeticiones (aaa, 111) son fáciles de adivinar.",
  extendedRepeat: "Las repeticiones (abcabc) son fáciles de adivinar.",
  sequences: "Las secuencias (abcd, 1234) son fáciles de adivinar.",
  straightRow: "Las filas del teclado (qwerty) son fáciles de adivinar.",
  keyPattern: "Los patrones del teclado son fáciles de adivinar.",
  dates: "Las fechas son fáciles de adivinar.",
  recentYears: "Los años recientes son fáciles de adivinar.",
};

/** The Spanish reason a password is too weak, or null. `personal` are the user's own name and e-mail. */
export function passwordWeakness(password: string, personal: string[] = []): string | null {
  const words = [
    ...SHOP_WORDS,
    ...personal.flatMap((p) => p.toLowerCase().split(/[\s@._-]+/)).filter((w) => w.length >= 3),
  ];
  const result = zxcvbn().check(password, words);
  // a password made mostly of the shop's or the person's own words is guessed first, whatever its score
  const own = result.sequence
    .filter((m) => (m as { dictionaryName?: string }).dictionaryName === "userInputs")
    .reduce((n, m) => n + m.token.length, 0);
  if (own * 2 >= password.length) return `${WARNINGS.userInputs} Usa una frase de varias palabras poco relacionadas.`;
  if (result.score >= MIN_SCORE) return null;
  const reason = (result.feedback.warning && WARNINGS[result.feedback.warning]) || "Es fácil de adivinar.";
  return `${reason} Usa una frase de varias palabras poco relacionadas, con números o símbolos.`;
}

export const passwordSchema = z
  .string()
  .min(12, "La contraseña debe tener al menos 12 caracteres.")
  .max(200, "La contraseña es demasiado larga.")
  .refine((v) => /[a-zA-Z]/.test(v) && /\d/.test(v), "Usa letras y números.")
  .superRefine((value, ctx) => {
    if (value.length < 12 || value.length > 200) return;
    const weakness = passwordWeakness(value);
    if (weakness) ctx.addIssue({ code: "custom", message: weakness });
  });
