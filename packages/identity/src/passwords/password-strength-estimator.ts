import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/** A zxcvbn verdict: score 0–4 and an English warning when one applies. */
export interface PasswordStrength {
  score: number;
  warning: string | null;
}

/** Estimates password strength against the common and English zxcvbn dictionaries. */
export interface PasswordStrengthEstimator {
  estimate(password: string, userInputs: readonly string[]): PasswordStrength;
}

/**
 * Creates a zxcvbn-ts estimator. The dictionaries are ranked on first use rather than at creation, since
 * that costs noticeable CPU and many processes (workers, CLIs) never check a password.
 */
export function createPasswordStrengthEstimator(maxLength: number): PasswordStrengthEstimator {
  let zxcvbn: ZxcvbnFactory | undefined;
  return {
    estimate(password, userInputs) {
      zxcvbn ??= new ZxcvbnFactory({
        dictionary: { ...commonDictionary, ...englishDictionary },
        graphs: adjacencyGraphs,
        translations,
        maxLength,
      });
      const result = zxcvbn.check(password, [...userInputs]);
      const warning = result.feedback.warning;
      return { score: result.score, warning: warning === null || warning === '' ? null : warning };
    },
  };
}
