// Parses the trigger phrases documented in ./README.md out of a user message. Matching is
// case-insensitive; tool and handoff names are matched against what the request actually offers.

/** The `demo: <flag>` switches a message can carry. */
export interface DemoFlags {
  readonly error: boolean;
  readonly refuse: boolean;
  readonly reason: boolean;
}

/** A `use tool <name>` / `call <name>` request. */
export type DemoToolTrigger =
  | { readonly kind: 'known'; readonly name: string; readonly arguments: Record<string, unknown> | undefined }
  | { readonly kind: 'unknown'; readonly requested: string };

/** A `handoff to <agent>` / `transfer to <agent>` request. */
export type DemoHandoffTrigger =
  | { readonly kind: 'known'; readonly toolName: string }
  | { readonly kind: 'unknown'; readonly requested: string };

const HANDOFF_TOOL_PREFIX = 'transfer_to_';

/** Reads the `demo: error|refuse|reason` switches. */
export function readDemoFlags(message: string): DemoFlags {
  return {
    error: /\bdemo:\s*error\b/i.test(message),
    refuse: /\bdemo:\s*refuse\b/i.test(message),
    reason: /\bdemo:\s*reason\b/i.test(message),
  };
}

/**
 * Finds `use tool <name> [json]` or `call <name> [json]`. `use tool` with a name the request does not
 * offer yields `unknown` (so the model can list the tools); `call` only fires for offered names, since
 * "call" is an everyday word.
 */
export function findToolTrigger(message: string, toolNames: readonly string[]): DemoToolTrigger | undefined {
  const explicit = /\buse\s+tool\s+/i.exec(message);
  if (explicit) {
    const rest = message.slice(explicit.index + explicit[0].length);
    const name = matchName(rest, toolNames);
    if (name) return { kind: 'known', name, arguments: parseJsonObjectAfter(rest.slice(name.length)) };
    return { kind: 'unknown', requested: /^\S*/.exec(rest)?.[0]?.replace(/[.,;:!?]+$/, '') ?? '' };
  }
  for (const match of message.matchAll(/\bcall\s+/gi)) {
    const rest = message.slice(match.index + match[0].length);
    const name = matchName(rest, toolNames);
    if (name) return { kind: 'known', name, arguments: parseJsonObjectAfter(rest.slice(name.length)) };
  }
  return undefined;
}

/**
 * Finds `handoff to <agent>`, `hand off to <agent>` or `transfer to <agent>`, where `<agent>` is the
 * handoff tool name or its `transfer_to_` suffix (spaces and punctuation read as `_`).
 */
export function findHandoffTrigger(
  message: string,
  handoffToolNames: readonly string[],
): DemoHandoffTrigger | undefined {
  const match = /\b(?:hand\s?off|transfer)\s+to\s+/i.exec(message);
  if (!match) return undefined;
  const rest = message.slice(match.index + match[0].length);
  const words = toWords(rest);
  const candidates = handoffToolNames
    .flatMap((toolName) => {
      const lower = toolName.toLowerCase();
      const suffix = lower.startsWith(HANDOFF_TOOL_PREFIX) ? lower.slice(HANDOFF_TOOL_PREFIX.length) : lower;
      return [lower, suffix].map((alias) => ({ toolName, alias: toWords(alias) }));
    })
    .filter(({ alias }) => alias.length > 0 && alias.every((word, index) => words[index] === word))
    .sort((left, right) => right.alias.length - left.alias.length);
  const best = candidates[0];
  if (best) return { kind: 'known', toolName: best.toolName };
  return { kind: 'unknown', requested: /^\S*/.exec(rest)?.[0]?.replace(/[.,;:!?]+$/, '') ?? '' };
}

function toWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function matchName(text: string, names: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  const matches = names.filter((name) => startsWithWord(lower, name.toLowerCase()));
  const longest = matches.sort((left, right) => right.length - left.length)[0];
  return longest === undefined ? undefined : text.slice(0, longest.length);
}

function startsWithWord(text: string, word: string): boolean {
  if (!text.startsWith(word)) return false;
  const next = text.charAt(word.length);
  return next === '' || !/[a-z0-9_]/i.test(next);
}

/** Parses the first balanced `{...}` JSON object in `text`, if any. */
export function parseJsonObjectAfter(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return parseObject(text.slice(start, index + 1));
    }
  }
  return undefined;
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
