import UAParser from 'ua-parser-js';

/** The client description shown in the session list. */
export interface UserAgentDetails {
  /** Operating system and version, e.g. `Windows 10`, `iOS 17.1`. */
  platform: string;
  /** Browser and major version, e.g. `Chrome 120`. */
  browser: string;
  /** `desktop`, `mobile`, `tablet`, `smarttv`, `wearable`, `console`, `embedded` or `unknown`. */
  device: string;
}

const UNKNOWN = 'unknown';
// Real user agents are far shorter; the cap bounds the regex work an attacker can cause.
const MAX_USER_AGENT_LENGTH = 512;

function describe(name: string | undefined, version: string | undefined): string {
  if (name === undefined || name === '') {
    return UNKNOWN;
  }
  return version === undefined || version === '' ? name : `${name} ${version}`;
}

/**
 * Parses a User-Agent header with ua-parser-js. ua-parser reports no device type for desktops, so a
 * recognised OS or browser without one is `desktop`; an empty or unrecognised agent is `unknown` throughout.
 */
export function parseUserAgent(userAgent: string | null | undefined): UserAgentDetails {
  const ua = (userAgent ?? '').trim().slice(0, MAX_USER_AGENT_LENGTH);
  if (ua === '') {
    return { platform: UNKNOWN, browser: UNKNOWN, device: UNKNOWN };
  }
  const result = new UAParser(ua).getResult();
  const platform = describe(result.os.name, result.os.version);
  const browser = describe(result.browser.name, result.browser.major);
  const recognised = platform !== UNKNOWN || browser !== UNKNOWN;
  const device = result.device.type ?? (recognised ? 'desktop' : UNKNOWN);
  return { platform, browser, device };
}
