// Loaded only when someone types a new password (a dynamic import of this module): the
// common-password list is ~200 kB gzipped and no other page needs it.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { translations } from "@zxcvbn-ts/language-en";

/** The score (0–4) the auth service requires (auth/src/domain/password-strength.ts). */
export const MIN_PASSWORD_SCORE = 2;

const zxcvbn = new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary });

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is weak, when zxcvbn says (e.g. "This is a heavily used password."). */
  warning: string | null;
}

/** The strength of `password`; `userInputs` (name, e-mail) count as easy words. */
export function passwordStrength(password: string, userInputs: string[] = []): Strength {
  const result = zxcvbn.check(password, userInputs.filter(Boolean));
  return { score: result.score as Strength["score"], warning: result.feedback.warning || null };
}
