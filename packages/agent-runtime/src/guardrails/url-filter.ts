import { z } from 'zod';
import { decided } from './check-results.js';
import { defineGuardrail } from './guardrail-spec.js';

/** Config of `url_filter` (§5.2). */
export const urlFilterConfigSchema = z.strictObject({
  url_allow_list: z.array(z.string().min(1)).default([]),
  url_block_list: z.array(z.string().min(1)).default([]),
  /** A listed domain also covers its subdomains (`example.com` matches `docs.example.com`). */
  check_subdomains: z.boolean().default(true),
  /** Also find bare domains (`example.com/path`), not only `http(s)://` URLs. */
  extract_urls: z.boolean().default(true),
});
export type UrlFilterConfig = z.infer<typeof urlFilterConfigSchema>;

const SCHEME_URL = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const BARE_DOMAIN =
  /(?<![\w@./:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?::\d+)?(?:\/[^\s<>"'`]*)?/gi;

interface ParsedUrl {
  readonly url: string;
  readonly host: string;
  readonly path: string;
}

/** Finds the URLs of a text (scheme URLs always; bare domains when `extractBare`). */
export function extractUrls(text: string, extractBare: boolean): ParsedUrl[] {
  const found: ParsedUrl[] = [];
  const withoutSchemeUrls = text.replace(SCHEME_URL, (raw) => {
    const parsed = parseUrl(trimTrailing(raw));
    if (parsed) found.push(parsed);
    return ' ';
  });
  if (extractBare) {
    for (const match of withoutSchemeUrls.matchAll(BARE_DOMAIN)) {
      const parsed = parseUrl(`https://${trimTrailing(match[0])}`);
      if (parsed) found.push({ ...parsed, url: trimTrailing(match[0]) });
    }
  }
  return found;
}

function trimTrailing(url: string): string {
  return url.replace(/[.,;:!?)\]}]+$/, '');
}

function parseUrl(raw: string): ParsedUrl | undefined {
  try {
    const url = new URL(raw);
    return { url: raw, host: url.hostname.toLowerCase().replace(/\.$/, ''), path: url.pathname };
  } catch {
    return undefined;
  }
}

/** A list entry is a domain (`example.com`), optionally with a path prefix or scheme. */
function matchesEntry(url: ParsedUrl, entry: string, subdomains: boolean): boolean {
  const parsed = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `https://${entry}`);
  if (!parsed) return false;
  const hostMatches = url.host === parsed.host || (subdomains && url.host.endsWith(`.${parsed.host}`));
  if (!hostMatches) return false;
  return parsed.path === '/' || url.path.startsWith(parsed.path);
}

/** `url_filter`: block-listed URLs, and with a non-empty allow list any URL not on it, trip the wire. */
export const urlFilterGuardrail = defineGuardrail({
  key: 'url_filter',
  displayName: 'URL filter',
  description:
    'Checks URLs in the model output against allow and block lists (block wins; a non-empty allow list admits only its URLs).',
  stage: 'output',
  engine: 'regex',
  configSchema: urlFilterConfigSchema,
  usesConversationHistory: false,
  supportsMasking: false,
  check: async (input, config) => {
    const urls = extractUrls(input.text, config.extract_urls);
    const blocked: string[] = [];
    const notAllowed: string[] = [];
    for (const url of urls) {
      if (config.url_block_list.some((entry) => matchesEntry(url, entry, config.check_subdomains))) {
        blocked.push(url.url);
      } else if (
        config.url_allow_list.length > 0 &&
        !config.url_allow_list.some((entry) => matchesEntry(url, entry, config.check_subdomains))
      ) {
        notAllowed.push(url.url);
      }
    }
    return decided({
      flagged: blocked.length + notAllowed.length > 0,
      urls_checked: urls.length,
      blocked_urls: blocked,
      not_allowed_urls: notAllowed,
    });
  },
});
