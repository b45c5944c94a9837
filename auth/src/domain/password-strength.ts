import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * zxcvbn's score (0–4) a new password needs: 2 means more than about 10^6 guesses, so it is
 * in no list of common or breached passwords (`password`, `iloveyou`, `qwerty123`) nor a
 * small variation of one. The dictionaries are npm packages: nothing is fetched at run time.
 */
export const MIN_PASSWORD_SCORE = 2;

let factory: ZxcvbnFactory | undefined;

/** Built on first use (the dictionaries take ~0.5 s to load), then shared. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return factory;
}

/**
 * Why `password` is too easy to guess, in a sentence naming the field (`label`), or null
 * when it is strong enough. `userInputs` (the name, the e-mail) count as known words.
 */
export function weakPasswordMessage(password: string, label: string, userInputs: string[] = []): string | null {
  const result = zxcvbn().check(password, userInputs.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
  return `${label} is too easy to guess.${why} Use a few unrelated words or a longer phrase.`;
}
