import { createHash } from 'node:crypto';

// Long runs without spaces (JSON, URLs) are cut so they still stream in several deltas.
const MAX_TOKEN_CHARS = 12;

/** Splits text into word-like deltas (each carrying its leading whitespace) that concatenate back to it. */
export function splitIntoTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.match(/\s*\S+/g) ?? []) {
    const characters = Array.from(word);
    for (let start = 0; start < characters.length; start += MAX_TOKEN_CHARS) {
      tokens.push(characters.slice(start, start + MAX_TOKEN_CHARS).join(''));
    }
  }
  const consumed = tokens.join('').length;
  if (consumed < text.length) tokens.push(text.slice(consumed));
  return tokens;
}

/** A deterministic token estimate for prompt text (about four characters per token, like English BPE). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Deterministic, Responses-API-looking ids derived from a request digest. */
export interface DemoIds {
  readonly responseId: string;
  /** Id of the output item at `outputIndex`, with the Responses prefix for its type (`msg`, `fc`, `rs`). */
  itemId(prefix: string, outputIndex: number): string;
  callId(outputIndex: number): string;
}

/** Derives the ids of one demo response from a digest of everything that determines it. */
export function createDemoIds(digestInput: string): DemoIds {
  const digest = hash(digestInput);
  return {
    responseId: `resp_${digest.slice(0, 32)}`,
    itemId: (prefix, outputIndex) => `${prefix}_${hash(`${digest}:${prefix}:${outputIndex}`).slice(0, 32)}`,
    callId: (outputIndex) => `call_${hash(`${digest}:call:${outputIndex}`).slice(0, 24)}`,
  };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
