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

/**
 * The key one client's rate limit and daily budget share are counted under, from an address
 * as a socket or a trusted proxy gives it: an IPv4 address in dotted decimal (IPv4-mapped IPv6
 * such as `::ffff:10.0.0.1` is its IPv4 address; ports, brackets and zone ids are dropped), or
 * an IPv6 address's /{@link IPV6_CLIENT_PREFIX_BITS} prefix (`2001:db8:1:2::/64`). Anything
 * that is not an address is {@link UNKNOWN_CLIENT}.
 */
export function clientKeyOf(raw: string | undefined): string {
  const address = bareAddress(raw ?? '');
  const decimal = dottedDecimal(address);
  if (decimal !== undefined) return decimal;
  if (!ipaddr.IPv6.isValid(address)) return UNKNOWN_CLIENT;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/${IPV6_CLIENT_PREFIX_BITS}`);
  return `${prefix.toString()}/${IPV6_CLIENT_PREFIX_BITS}`;
}

/** The client key of a request (see {@link clientKeyOf}); ctx.ip honours X-Forwarded-For only behind a trusted proxy. */
export function clientOf(ctx: Context): string {
  return clientKeyOf(ctx.ip);
}
