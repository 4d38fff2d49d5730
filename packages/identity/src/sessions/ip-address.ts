/** A parsed IP address; IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is reported as the IPv4 it carries. */
export type IpAddress = { version: 4; octets: number[] } | { version: 6; hextets: number[] };

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

function parseIpv4(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (match === null) {
    return null;
  }
  // Leading zeros are refused above: some parsers read them as octal, so their meaning is ambiguous.
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

function parseHextets(parts: string[]): number[] | null {
  const hextets: number[] = [];
  for (const part of parts) {
    if (!HEXTET.test(part)) {
      return null;
    }
    hextets.push(Number.parseInt(part, 16));
  }
  return hextets;
}

function parseIpv6(text: string): number[] | null {
  let body = text;
  const tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const octets = parseIpv4(body.slice(lastColon + 1));
    if (octets === null) {
      return null;
    }
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    tail.push((a << 8) | b, (c << 8) | d);
    const prefix = body.slice(0, lastColon + 1);
    // Keep a `::` that directly precedes the IPv4 part; otherwise drop the separator colon.
    body = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) {
    return null;
  }
  const total = 8 - tail.length;
  if (halves.length === 1) {
    const hextets = parseHextets(body.split(':'));
    return hextets !== null && hextets.length === total ? [...hextets, ...tail] : null;
  }
  const [leftText = '', rightText = ''] = halves;
  const left = leftText === '' ? [] : parseHextets(leftText.split(':'));
  const right = rightText === '' ? [] : parseHextets(rightText.split(':'));
  if (left === null || right === null || left.length + right.length >= total) {
    return null;
  }
  const zeros = new Array<number>(total - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right, ...tail];
}

/**
 * Parses an IPv4 or IPv6 address (brackets and an IPv6 zone id are tolerated and dropped). Returns null
 * for anything else, including IPv4 with leading zeros.
 */
export function parseIp(ip: string): IpAddress | null {
  let text = ip.trim().toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) {
    text = text.slice(1, -1);
  }
  if (!text.includes(':')) {
    const octets = parseIpv4(text);
    return octets === null ? null : { version: 4, octets };
  }
  const hextets = parseIpv6(text.replace(/%[0-9a-z._~-]+$/, ''));
  if (hextets === null) {
    return null;
  }
  const isMapped = hextets.slice(0, 5).every((hextet) => hextet === 0) && hextets[5] === 0xffff;
  if (isMapped) {
    const [high = 0, low = 0] = hextets.slice(6);
    return { version: 4, octets: [high >> 8, high & 0xff, low >> 8, low & 0xff] };
  }
  return { version: 6, hextets };
}

/** RFC 5952 text for eight hextets: lower case, no leading zeros, the longest zero run (≥ 2) as `::`. */
export function formatIpv6(hextets: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < hextets.length; ) {
    if (hextets[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < hextets.length && hextets[end] === 0) {
      end += 1;
    }
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const text = hextets.map((hextet) => hextet.toString(16));
  if (bestStart === -1) {
    return text.join(':');
  }
  return `${text.slice(0, bestStart).join(':')}::${text.slice(bestStart + bestLength).join(':')}`;
}

/** The canonical text of an address (dotted IPv4, RFC 5952 IPv6), or null when it does not parse. */
export function canonicalIp(ip: string): string | null {
  const parsed = parseIp(ip);
  if (parsed === null) {
    return null;
  }
  return parsed.version === 4 ? parsed.octets.join('.') : formatIpv6(parsed.hextets);
}
