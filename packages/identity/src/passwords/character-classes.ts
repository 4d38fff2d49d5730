/** The character classes the password policy counts. */
export type CharacterClass = 'upper' | 'lower' | 'digit' | 'symbol';

/**
 * Which classes a password uses. Unicode-aware: letters without case (CJK, Arabic…) count as lower case
 * so passwords in those scripts are not penalised; spaces and punctuation count as symbols.
 */
export function characterClasses(password: string): Set<CharacterClass> {
  const classes = new Set<CharacterClass>();
  for (const char of password) {
    if (/\p{Lu}|\p{Lt}/u.test(char)) {
      classes.add('upper');
    } else if (/\p{L}/u.test(char)) {
      classes.add('lower');
    } else if (/\p{Nd}/u.test(char)) {
      classes.add('digit');
    } else {
      classes.add('symbol');
    }
  }
  return classes;
}
