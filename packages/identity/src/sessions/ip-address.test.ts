import { describe, expect, it } from 'vitest';
import { canonicalIp, formatIpv6, parseIp } from './ip-address.js';

describe('parseIp', () => {
  it('parses IPv4', () => {
    expect(parseIp('203.0.113.7')).toEqual({ version: 4, octets: [203, 0, 113, 7] });
    expect(parseIp(' 0.0.0.0 ')).toEqual({ version: 4, octets: [0, 0, 0, 0] });
    expect(parseIp('255.255.255.255')).toEqual({ version: 4, octets: [255, 255, 255, 255] });
  });

  it('parses IPv6 in full, compressed and bracketed forms', () => {
    const expected = { version: 6, hextets: [0x2001, 0xdb8, 0x85a3, 0, 0, 0x8a2e, 0x370, 0x7334] };
    expect(parseIp('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toEqual(expected);
    expect(parseIp('2001:DB8:85A3::8A2E:370:7334')).toEqual(expected);
    expect(parseIp('[2001:db8:85a3::8a2e:370:7334]')).toEqual(expected);
    expect(parseIp('::')).toEqual({ version: 6, hextets: [0, 0, 0, 0, 0, 0, 0, 0] });
    expect(parseIp('::1')).toEqual({ version: 6, hextets: [0, 0, 0, 0, 0, 0, 0, 1] });
    expect(parseIp('1::')).toEqual({ version: 6, hextets: [1, 0, 0, 0, 0, 0, 0, 0] });
    expect(parseIp('1:2:3:4:5:6:7::')).toEqual({ version: 6, hextets: [1, 2, 3, 4, 5, 6, 7, 0] });
  });

  it('drops an IPv6 zone id', () => {
    expect(parseIp('fe80::1%eth0')).toEqual({ version: 6, hextets: [0xfe80, 0, 0, 0, 0, 0, 0, 1] });
  });

  it('unwraps IPv4-mapped IPv6 in dotted and hex form', () => {
    expect(parseIp('::ffff:198.51.100.23')).toEqual({ version: 4, octets: [198, 51, 100, 23] });
    expect(parseIp('::FFFF:c633:6417')).toEqual({ version: 4, octets: [198, 51, 100, 23] });
    expect(parseIp('0:0:0:0:0:ffff:198.51.100.23')).toEqual({ version: 4, octets: [198, 51, 100, 23] });
  });

  it('keeps other embedded-IPv4 forms as IPv6', () => {
    expect(parseIp('64:ff9b::192.0.2.33')).toEqual({
      version: 6,
      hextets: [0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x221],
    });
    expect(parseIp('::1.2.3.4')).toEqual({ version: 6, hextets: [0, 0, 0, 0, 0, 0, 0x102, 0x304] });
    expect(parseIp('1:2:3:4:5:6:1.2.3.4')).toEqual({ version: 6, hextets: [1, 2, 3, 4, 5, 6, 0x102, 0x304] });
  });

  it.each([
    '',
    'unknown',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1.2.3.-4',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1::2::3',
    ':::',
    '12345::1',
    'g::1',
    '::ffff:256.1.1.1',
    ':1.2.3.4',
    '1:2:3:4:5:6:7:1.2.3.4',
    '1:2:3:4:5:6:7:8::',
  ])('rejects %j', (input) => {
    expect(parseIp(input)).toBeNull();
  });
});

describe('formatIpv6 / canonicalIp', () => {
  it('follows RFC 5952', () => {
    expect(formatIpv6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1])).toBe('2001:db8::1');
    expect(formatIpv6([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1])).toBe('2001:db8:0:1::1');
    expect(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6([0x2001, 0xdb8, 1, 1, 1, 1, 0, 1])).toBe('2001:db8:1:1:1:1:0:1');
    expect(formatIpv6([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
  });

  it('canonicalises equivalent spellings to one text', () => {
    expect(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(canonicalIp('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(canonicalIp(' 1.2.3.4 ')).toBe('1.2.3.4');
    expect(canonicalIp('nonsense')).toBeNull();
  });
});
