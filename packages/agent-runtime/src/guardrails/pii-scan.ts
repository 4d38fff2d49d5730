import { maskPlainPii, type PiiEntity } from './pii-entities.js';

/** What a PII scan found: counts per entity (never the values) and the masked text. */
export interface PiiScan {
  readonly maskedText: string;
  readonly counts: Partial<Record<PiiEntity, number>>;
  /** Entities found only after decoding base64 or URL-encoded segments. */
  readonly encodedCounts: Partial<Record<PiiEntity, number>>;
  readonly found: boolean;
}

const BASE64_SEGMENT = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{12,}={0,2}(?![A-Za-z0-9+/=])/g;
const URL_ENCODED_SEGMENT = /[A-Za-z0-9._~+-]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~+-]*)+/g;

/** Scans text for the selected entities; with `detectEncoded`, also inside base64 and URL-encoded segments. */
export function scanPii(text: string, entities: readonly PiiEntity[], detectEncoded: boolean): PiiScan {
  const plain = maskPlainPii(text, entities);
  let maskedText = plain.text;
  const encodedCounts: Partial<Record<PiiEntity, number>> = {};
  if (detectEncoded) {
    for (const [pattern, decode] of [
      [BASE64_SEGMENT, decodeBase64],
      [URL_ENCODED_SEGMENT, decodeUrl],
    ] as const) {
      maskedText = maskedText.replace(pattern, (segment) => {
        const decoded = decode(segment);
        if (decoded === undefined) return segment;
        const inner = maskPlainPii(decoded, entities);
        const hits = Object.entries(inner.counts) as [PiiEntity, number][];
        if (hits.length === 0) return segment;
        for (const [entity, count] of hits) encodedCounts[entity] = (encodedCounts[entity] ?? 0) + count;
        // The whole segment goes: a partly masked encoding would still decode to the rest of the value.
        return `<${hits.map(([entity]) => entity).join('|')}>`;
      });
    }
  }
  const found = Object.keys(plain.counts).length > 0 || Object.keys(encodedCounts).length > 0;
  return { maskedText, counts: plain.counts, encodedCounts, found };
}

function decodeBase64(segment: string): string | undefined {
  if (segment.replace(/=+$/, '').length % 4 === 1) return undefined;
  const decoded = Buffer.from(segment, 'base64').toString('utf8');
  // Random words that happen to be base64 decode to binary noise; only printable text is worth scanning.
  return /^[\x20-\x7e\t\r\n]+$/.test(decoded) ? decoded : undefined;
}

function decodeUrl(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment.replace(/\+/g, ' '));
    return decoded === segment ? undefined : decoded;
  } catch {
    return undefined;
  }
}
