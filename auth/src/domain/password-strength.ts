import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as CommonLanguage from "@zxcvbn-ts/language-common";
import type * as EnglishLanguage from "@zxcvbn-ts/language-en";

/**
 * zxcvbn's score (0–4) a new password needs: 2 means more than about 10^6 guesses, so it is
 * in no list of common or breached passwords (`password`, `iloveyou`, `qwerty123`) nor a
 * small variation of one. The dictionaries are npm packages: nothing is fetched at run time.
 */
export const MIN_PASSWORD_SCORE = 2;

let factory: ZxcvbnFactory | undefined;

/**
 * Built on first use, then shared. The packages are required here rather than imported at
 * the top: their dictionaries take ~0.5 s and ~40 MB of memory to load, which an idle auth
 * (and every test that never sets a password) should not pay.
 */
function zxcvbn(): ZxcvbnFactory {
  if (!factory) {
    const { ZxcvbnFactory: Factory } = require("@zxcvbn-ts/core") as { ZxcvbnFactory: typeof ZxcvbnFactory };
    const common = require("@zxcvbn-ts/language-common") as typeof CommonLanguage;
    const en = require("@zxcvbn-ts/language-en") as typeof EnglishLanguage;
    factory = new Factory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
  }
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
