import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { clientKeyOf, UNKNOWN_CLIENT } from '../../src/app/http/client-address.js';

const hextet = fc.integer({ min: 0, max: 0xffff });
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));

/** One IPv6 address written the many ways a proxy or socket may: full, zero-padded, compressed, upper case. */
function spellings(parts: number[]): string[] {
  const plain = parts.map((p) => p.toString(16));
  return [
    plain.join(':'),
    parts.map((p) => p.toString(16).padStart(4, '0')).join(':'),
    plain.join(':').toUpperCase(),
    `[${plain.join(':')}]`,
    `[${plain.join(':')}]:443`,
  ];
}

describe('clientKeyOf: the key a client is counted under', () => {
  test.prop([
    fc.array(hextet, { minLength: 4, maxLength: 4 }),
    fc.array(hextet, { minLength: 4, maxLength: 4 }),
    fc.array(hextet, { minLength: 4, maxLength: 4 }),
  ])('is one key for every address and spelling within one /64', (prefix, first, second) => {
    const keys = new Set([...spellings([...prefix, ...first]), ...spellings([...prefix, ...second])].map(clientKeyOf));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/\/64$/);
  });

  test.prop([
    fc.array(hextet, { minLength: 8, maxLength: 8 }),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 1, max: 0xffff }),
  ])('tells different /64s apart', (parts, index, delta) => {
    const other = [...parts];
    other[index] = ((other[index] ?? 0) + delta) % 0x10000;
    expect(clientKeyOf(other.map((p) => p.toString(16)).join(':'))).not.toBe(
      clientKeyOf(parts.map((p) => p.toString(16)).join(':')),
    );
  });

  test.prop([ipv4, fc.integer({ min: 1, max: 65535 })])(
    'is one key for every spelling of one IPv4 address',
    (octets, port) => {
      const dotted = octets.join('.');
      const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
      const forms = [
        dotted,
        `${dotted}:${port}`,
        octets.map((o) => String(o).padStart(3, '0')).join('.'),
        `::ffff:${dotted}`,
        `::FFFF:${dotted}`,
        `::ffff:${hex(octets[0], octets[1])}:${hex(octets[2], octets[3])}`,
        `[::ffff:${dotted}]:${port}`,
        ` ${dotted} `,
      ];
      expect(new Set(forms.map(clientKeyOf))).toEqual(new Set([dotted]));
    },
  );

  test.prop([ipv4, hextet, hextet, hextet, hextet])(
    'counts IPv6 forms that carry an IPv4 address (RFC 6145, NAT64, 6to4, Teredo) as that address',
    (octets, a, b, c, d) => {
      const dotted = octets.join('.');
      const high = (octets[0] << 8) | octets[1];
      const low = (octets[2] << 8) | octets[3];
      const hex = (n: number) => n.toString(16);
      const forms = [
        `::ffff:0:${dotted}`,
        `64:ff9b::${dotted}`,
        `2002:${hex(high)}:${hex(low)}:${hex(a)}:${hex(b)}:${hex(c)}:${hex(d)}:1`,
        `2001:0:${hex(a)}:${hex(b)}:${hex(c)}:${hex(d)}:${hex(~high & 0xffff)}:${hex(~low & 0xffff)}`,
      ];
      expect(new Set(forms.map(clientKeyOf))).toEqual(new Set([dotted]));
    },
  );

  it.each(['', 'unknown', 'not an address', '300.1.1.1', '::ffff:999.0.0.1', '[::1', '1.2.3.4:port', '<script>'])(
    'puts %j, which is not an address, in the one shared bucket',
    (raw) => {
      expect(clientKeyOf(raw)).toBe(UNKNOWN_CLIENT);
    },
  );

  test.prop([ipv4])('reads the hex, integer and short forms inet_aton reads as the same address', (octets) => {
    const dotted = octets.join('.');
    const value = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
    const forms = [
      octets.map((o) => `0x${o.toString(16)}`).join('.'),
      `0x${value.toString(16)}`,
      String(value),
      `${octets[0]}.${octets[1]}.${(octets[2] << 8) + octets[3]}`,
    ];
    expect(new Set(forms.map(clientKeyOf))).toEqual(new Set([dotted]));
  });

  it('drops an IPv6 zone id and keeps loopback and link-local apart', () => {
    expect(clientKeyOf('fe80::1%eth0')).toBe(clientKeyOf('fe80::2'));
    expect(clientKeyOf('::1')).not.toBe(clientKeyOf('fe80::1'));
    expect(clientKeyOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('answers a remembered address as it first did, also after 5,000 other addresses pushed it out', () => {
    const first = ['::ffff:10.1.2.3', '2001:db8:aa:bb:1:2:3:4', '[2002:c000:204::1]:443', 'garbage'];
    const keys = first.map(clientKeyOf);
    expect(keys).toEqual(['10.1.2.3', '2001:db8:aa:bb::/64', '192.0.2.4', UNKNOWN_CLIENT]);
    expect(first.map(clientKeyOf)).toEqual(keys);
    for (let i = 0; i < 5_000; i++) clientKeyOf(`2001:db8:${(i >> 8).toString(16)}:${(i & 0xff).toString(16)}::1`);
    expect(first.map(clientKeyOf)).toEqual(keys);
    // A text too long to be remembered is still read.
    expect(clientKeyOf(`[fe80::1%${'z'.repeat(70)}]:443`)).toBe(clientKeyOf('fe80::1'));
  });
});
