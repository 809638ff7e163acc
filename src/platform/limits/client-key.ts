// The client a limit counts (ADR 0027, amended): one key per IPv4 address and one per
// IPv6 /64. An IPv6 customer is given a whole /64 and can take a new address in it for
// every request, so counting full IPv6 addresses limits nothing; an IPv4 address reached
// as IPv4-mapped IPv6 (`::ffff:a.b.c.d`, a dual-stack socket) is the same client as `a.b.c.d`.
// Only for limiting: logs and the audit keep the full address (clientIp).
import { isIPv4, isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 becomes the last two); null if not IPv6. */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = parse(head);
  if (tail === null) return front;
  const back = parse(tail);
  return [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The limiting key of a client address: an IPv4 address as it is (IPv4-mapped IPv6 unwrapped),
 * an IPv6 address cut to its /64 (`2001:db8:1:2::/64`), anything else unchanged.
 */
export function clientKey(address: string): string {
  const plain = address.trim().toLowerCase().replace(/%.*$/, '');
  if (isIPv4(plain)) return plain;
  const groups = ipv6Groups(plain);
  if (!groups) return plain;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The limiting key of this request's client (the keyGenerator of every rate limit). */
export function clientKeyOf(request: Pick<FastifyRequest, 'ip'>): string {
  return clientKey(request.ip ?? '');
}
