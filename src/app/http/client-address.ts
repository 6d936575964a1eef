import ipaddr from 'ipaddr.js';
import type { Context } from 'koa';

/**
 * How many leading bits of an IPv6 address name one client. A home or mobile subscriber is
 * given a /64 (or more; RFC 6177), and picks any of its 2^64 addresses at will, so counting
 * full addresses would give one visitor unlimited shares of the rate limit and the budget.
 */
export const IPV6_CLIENT_PREFIX_BITS = 64;

/** The one key for addresses that do not parse: garbage in X-Forwarded-For shares one bucket. */
export const UNKNOWN_CLIENT = 'unknown';

// "[2001:db8::1]:5555", "[2001:db8::1]", "10.0.0.1:5555", "fe80::1%eth0": the address alone.
function bareAddress(raw: string): string {
  const text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  const address = bracketed?.[1] ?? (/^[\d.]+:\d+$/.test(text) ? text.slice(0, text.lastIndexOf(':')) : text);
  const zone = address.indexOf('%');
  return zone === -1 ? address : address.slice(0, zone);
}

// "010.0.0.1" and "10.0.0.01": dotted decimal with leading zeros is read as decimal, the way
// proxies write it; ipaddr.js (like inet_aton) would read "010" as octal 8.
function dottedDecimal(address: string): string | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return undefined;
  const parts = address.split('.').map(Number);
  return parts.every((part) => part <= 255) ? parts.join('.') : undefined;
}

function ipv4Of(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * The IPv4 address an IPv6 address carries for a client that has only that one: IPv4-translated
 * (`::ffff:0:a.b.c.d`, RFC 6145), NAT64 (`64:ff9b::a.b.c.d`, RFC 6052), 6to4 (`2002:AABB:CCDD::`,
 * RFC 3056: the site's IPv4 address owns 2^16 /64s) and Teredo (RFC 4380: the client's public
 * address, inverted, in the last 32 bits). Counting these by /64 would give one IPv4 client
 * many shares, or NAT64 users one share for all.
 */
function embeddedIpv4(address: ipaddr.IPv6): string | undefined {
  const p = address.parts;
  switch (address.range()) {
    case 'rfc6145':
    case 'rfc6052':
      return ipv4Of(p[6] ?? 0, p[7] ?? 0);
    case '6to4':
      return ipv4Of(p[1] ?? 0, p[2] ?? 0);
    case 'teredo':
      return ipv4Of(~(p[6] ?? 0) & 0xffff, ~(p[7] ?? 0) & 0xffff);
    default:
      return undefined;
  }
}

// A key is a pure function of the address text, and parsing an IPv6 form (which a server
// listening on "::" sees for IPv4 clients too: "::ffff:10.0.0.1") costs ~20 µs: the addresses
// of recent requests are remembered, and a request's key is computed once however often asked.
// Only address-sized texts (an IPv6 address with brackets, port and a short zone id): behind a
// trusted proxy the text comes from X-Forwarded-For, and 4,096 of them stay under ~1 MB.
const MAX_REMEMBERED = 4096;
const MAX_REMEMBERED_LENGTH = 64;
const keys = new Map<string, string>();

/**
 * The key one client's rate limit and daily budget share are counted under, from an address
 * as a socket or a trusted proxy gives it: an IPv4 address in dotted decimal (IPv4-mapped IPv6
 * such as `::ffff:10.0.0.1` is its IPv4 address; ports, brackets and zone ids are dropped), or
 * an IPv6 address's /{@link IPV6_CLIENT_PREFIX_BITS} prefix (`2001:db8:1:2::/64`), except for
 * IPv6 forms that carry a client's IPv4 address (NAT64, 6to4, Teredo...), which count as it. Anything
 * that is not an address is {@link UNKNOWN_CLIENT}.
 */
export function clientKeyOf(raw: string | undefined): string {
  const text = raw ?? '';
  const known = keys.get(text);
  if (known !== undefined) return known;
  const key = keyOf(text);
  if (text.length > MAX_REMEMBERED_LENGTH) return key;
  // First in, first out: a flood of distinct addresses costs one parse each, never more memory.
  if (keys.size >= MAX_REMEMBERED) keys.delete(keys.keys().next().value as string);
  keys.set(text, key);
  return key;
}

function keyOf(raw: string): string {
  const address = bareAddress(raw);
  const decimal = dottedDecimal(address);
  if (decimal !== undefined) return decimal;
  // Hex, octal, integer and short forms ("0x0a.0x4d.0.1", "0xa4d0001", "10.77.1"), as inet_aton reads them.
  if (ipaddr.IPv4.isValid(address)) return ipaddr.IPv4.parse(address).toString();
  if (!ipaddr.IPv6.isValid(address)) return UNKNOWN_CLIENT;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const embedded = embeddedIpv4(parsed as ipaddr.IPv6);
  if (embedded) return embedded;
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/${IPV6_CLIENT_PREFIX_BITS}`);
  return `${prefix.toString()}/${IPV6_CLIENT_PREFIX_BITS}`;
}

/** The client key of a request (see {@link clientKeyOf}); ctx.ip honours X-Forwarded-For only behind a trusted proxy. */
export function clientOf(ctx: Context): string {
  return clientKeyOf(ctx.ip);
}
