import { z } from 'zod';

/** The PII entity types the regex checks know (§5.2). */
export const piiEntitySchema = z.enum([
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'US_SSN',
  'CREDIT_CARD',
  'IP_ADDRESS',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'US_BANK_NUMBER',
  'IBAN_CODE',
  'CVV',
  'DATE_OF_BIRTH',
]);
export type PiiEntity = z.infer<typeof piiEntitySchema>;

/** Entities checked when a config names none. */
export const DEFAULT_PII_ENTITIES: readonly PiiEntity[] = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'US_SSN',
  'CREDIT_CARD',
];

interface EntityPattern {
  /** Global + `d` (indices) regex; a named group `value` narrows what is masked (the rest is context). */
  readonly regex: RegExp;
  readonly validate?: ((value: string) => boolean) | undefined;
}

// Numbers that only mean PII next to a keyword (passport, account, CVV, birth date) require that keyword,
// otherwise every order number would be masked.
const PATTERNS: Readonly<Record<PiiEntity, EntityPattern>> = {
  CREDIT_CARD: { regex: /(?<![\d-])(?<value>\d(?:[ -]?\d){12,18})(?![\d-])/dg, validate: luhnValid },
  IBAN_CODE: {
    regex: /\b(?<value>[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b/dg,
    validate: ibanValid,
  },
  US_SSN: { regex: /(?<!\d)(?<value>(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4})(?!\d)/dg },
  EMAIL_ADDRESS: { regex: /(?<value>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/dg },
  IP_ADDRESS: {
    regex:
      /(?<![\d.])(?<value>(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)|(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4})(?![\d.])/dg,
  },
  CVV: { regex: /\b(?:cvv2?|cvc2?|security code)\b\W{0,3}(?<value>\d{3,4})\b/dgi },
  DATE_OF_BIRTH: {
    regex:
      /\b(?:dob|date of birth|birth ?date|birthday|born(?: on)?)\b\W{0,3}(?<value>\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|[A-Za-z]{3,9} \d{1,2},? \d{4}|\d{1,2} [A-Za-z]{3,9},? \d{4})/dgi,
  },
  US_PASSPORT: {
    regex: /\bpassport(?: ?(?:no\.?|number|num|#))?\W{0,3}(?<value>[A-Z]?\d{8,9})\b/dgi,
  },
  US_DRIVER_LICENSE: {
    regex:
      /\b(?:driver'?s? licen[cs]e|DL)(?: ?(?:no\.?|number|num|#))?\W{0,3}(?<value>(?=[A-Z0-9-]*\d)[A-Z0-9-]{5,15})\b/dgi,
  },
  US_BANK_NUMBER: {
    regex:
      /\b(?:bank account|account|acct|routing)(?: ?(?:no\.?|number|num|#))?\W{0,3}(?<value>\d{8,17})\b/dgi,
  },
  PHONE_NUMBER: {
    regex:
      /(?<![\w+])(?<value>(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}|\+\d{1,3}[ .-]?\d{2,4}(?:[ .-]?\d{2,4}){2,3})(?![\d-])/dg,
  },
};

// Specific shapes first, so a card or IBAN is not half-eaten by the phone pattern.
const ORDER: readonly PiiEntity[] = [
  'CREDIT_CARD',
  'IBAN_CODE',
  'US_SSN',
  'EMAIL_ADDRESS',
  'IP_ADDRESS',
  'CVV',
  'DATE_OF_BIRTH',
  'US_PASSPORT',
  'US_DRIVER_LICENSE',
  'US_BANK_NUMBER',
  'PHONE_NUMBER',
];

/** Replaces every match of the selected entities with `<ENTITY>`; returns the text and counts per entity. */
export function maskPlainPii(
  text: string,
  entities: readonly PiiEntity[],
): { text: string; counts: Partial<Record<PiiEntity, number>> } {
  const counts: Partial<Record<PiiEntity, number>> = {};
  let current = text;
  for (const entity of ORDER) {
    if (!entities.includes(entity)) continue;
    const { regex, validate } = PATTERNS[entity];
    let out = '';
    let last = 0;
    for (const match of current.matchAll(new RegExp(regex.source, regex.flags))) {
      const value = match.groups?.value;
      const span = match.indices?.groups?.value;
      if (value === undefined || span === undefined) continue;
      if (validate && !validate(value)) continue;
      out += `${current.slice(last, span[0])}<${entity}>`;
      last = span[1];
      counts[entity] = (counts[entity] ?? 0) + 1;
    }
    current = out + current.slice(last);
  }
  return { text: current, counts };
}

/** Luhn checksum over the digits of a card number (13–19 digits). */
export function luhnValid(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISO 13616 mod-97 check. */
function ibanValid(value: string): boolean {
  const compact = value.replace(/ /g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
