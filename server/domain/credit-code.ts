/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
 * 31-character alphabet (digits and capitals without I, O, Z, S, V); the last one is a check
 * character over the first 17 (weighted sum modulo 31).
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = "length" | "charset" | "checkDigit";

/** Why a code is not a valid unified social credit code, or null when it is. Expects upper case. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  if (![...code].every((c) => ALPHABET.includes(c))) return "charset";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "checkDigit";
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}
