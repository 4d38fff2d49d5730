import { z } from 'zod';

// Every parser owns its error message, so no message ever repeats the raw value (it may be a secret).

/** The raw value of a variable: empty strings count as unset, like a blank line in a `.env` file. */
const raw = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** `true/false`, `1/0`, `yes/no`, `on/off`, any case. */
export function envBoolean(fallback: boolean) {
  return raw.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be a boolean (true/false, 1/0, yes/no, on/off)' });
    return z.NEVER;
  });
}

/** An optional boolean: undefined when unset, so a later rule can pick the default. */
export function envOptionalBoolean() {
  return raw.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    ctx.addIssue({ code: 'custom', message: 'must be a boolean (true/false, 1/0, yes/no, on/off)' });
    return z.NEVER;
  });
}

/** An integer within bounds. */
export function envInt(fallback: number, min: number, max: number) {
  return raw.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}` });
      return z.NEVER;
    }
    return parsed;
  });
}

/** A free string with a default. */
export function envString(fallback: string) {
  return raw.transform((value) => value ?? fallback);
}

/** A free string, undefined when unset. */
export function envOptionalString() {
  return raw;
}

/** A secret of at least `minLength` characters, undefined when unset. */
export function envOptionalSecret(minLength: number) {
  return raw.transform((value, ctx) => {
    if (value === undefined || value.length >= minLength) return value;
    ctx.addIssue({ code: 'custom', message: `must be at least ${minLength} characters` });
    return z.NEVER;
  });
}

/** One of a closed set of words (matched case-insensitively), with aliases mapped to canonical values. */
export function envChoice<const T extends string>(
  fallback: T,
  choices: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
) {
  return raw.transform((value, ctx): T => {
    if (value === undefined) return fallback;
    const word = value.toLowerCase();
    const found = choices.find((choice) => choice === word) ?? aliases[word];
    if (found !== undefined) return found;
    ctx.addIssue({ code: 'custom', message: `must be one of: ${choices.join(', ')}` });
    return z.NEVER;
  });
}

/** A URL whose scheme is one of `schemes`; undefined when unset. */
export function envOptionalUrl(schemes: readonly string[]) {
  return raw.transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (!isUrlWithScheme(value, schemes)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
      });
      return z.NEVER;
    }
    return value;
  });
}

/** A URL with a default. Trailing slashes are dropped so callers can append paths. */
export function envUrl(fallback: string, schemes: readonly string[] = ['http:', 'https:']) {
  return envOptionalUrl(schemes).transform((value) => (value ?? fallback).replace(/\/+$/, ''));
}

function isUrlWithScheme(value: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * A list given as a comma list (`a,b`) or a JSON array (`["a","b"]`), the two forms the reference
 * deployment accepted.
 */
export function envList(fallback: readonly string[]) {
  return raw.transform((value, ctx): string[] => {
    if (value === undefined) return [...fallback];
    if (value.startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
        ctx.addIssue({ code: 'custom', message: 'must be a comma list or a JSON array of strings' });
        return z.NEVER;
      }
      return parsed.map((item: string) => item.trim()).filter((item) => item !== '');
    }
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  });
}
